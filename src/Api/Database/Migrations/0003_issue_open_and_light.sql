-- RiverGis schema, version 3: one definition of an open issue, and of its red/yellow/green light, for every query.
-- The C# definitions are IssueStatuses.IsTerminal and StatusLight.Of; a test compares both functions with them for
-- every status and around every threshold. Functions (not a generated column) because the light depends on the
-- moment asked about, and the transition UPDATE must classify the status it is about to write. Both are single SQL
-- expressions the planner inlines into the queries that use them; they are deliberately not STRICT, which would
-- stop the inlining (a CASE is not strict) and cost a function call per row (7 µs: 140 ms for 20 000 issues).

-- Closed (销号) and rejected (不予受理) issues are finished; every other status needs work.
CREATE FUNCTION issue_is_open(status text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT status NOT IN ('closed', 'rejected') $$;

-- green: finished, or more than due_soon before the deadline; yellow: open and the deadline at most due_soon away
-- (up to and including the deadline instant); red: open and past the deadline.
CREATE FUNCTION issue_light(status text, deadline timestamptz, at timestamptz, due_soon interval) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT CASE
        WHEN NOT issue_is_open(status) THEN 'green'
        WHEN at > deadline THEN 'red'
        WHEN deadline - at <= due_soon THEN 'yellow'
        ELSE 'green'
    END $$;
