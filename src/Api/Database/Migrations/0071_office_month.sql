-- RiverGis schema 0071: the office's month (issue 13) — issues handed to units, plan items (一河一策, 四张清单) with
-- their progress notes, frozen monthly light bulletins, re-checks of closed issues (回头看), report submissions and
-- the sanctions log. Codes of units, chiefs, rivers, segments and areas are kept without foreign keys, like the
-- ledger's routing snapshot: these records outlive re-imports (the services check references when they are written).

-- Issues (and their events) may be handed to a unit (交办乡镇落实整改并移交区级行业主管部门) as well as a chief.
ALTER TABLE issues ADD COLUMN unit_code text;
ALTER TABLE issue_events ADD COLUMN unit_code text;
CREATE INDEX issues_unit ON issues (unit_code) WHERE unit_code IS NOT NULL;
CREATE INDEX issues_closed ON issues (closed_at) WHERE closed_at IS NOT NULL;

-- Plan items: per river, segment or area; on one of the four lists; a lead unit and cooperating units.
CREATE TABLE plan_tasks (
    id                bigserial PRIMARY KEY,
    code              text UNIQUE,
    title             text NOT NULL,
    list              text NOT NULL CHECK (list IN ('target', 'problem', 'task', 'responsibility')),
    river_code        text,
    segment_code      text,
    area_code         text NOT NULL,
    area_codes        text[] NOT NULL,
    lead_unit_code    text,
    cooperating_units text[] NOT NULL DEFAULT '{}',
    chief_id          text,
    year              int NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    created_on        date NOT NULL,
    deadline          date NOT NULL,
    target            text,
    target_value      double precision,
    target_unit       text,
    water_class       text CHECK (water_class IN ('I', 'II', 'III', 'IV', 'V', '劣V')),
    section_code      text,
    progress          int NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    status            text NOT NULL CHECK (status IN ('planned', 'in_progress', 'done', 'cancelled')),
    completed_on      date,
    updated_at        timestamptz NOT NULL,
    CHECK (deadline >= created_on)
);
CREATE INDEX plan_tasks_area_codes ON plan_tasks USING gin (area_codes);
CREATE INDEX plan_tasks_year ON plan_tasks (year);
CREATE INDEX plan_tasks_river ON plan_tasks (river_code);

-- Dated progress notes (the task's history: a bulletin frozen late replays it).
CREATE TABLE plan_task_progress (
    id        bigserial PRIMARY KEY,
    task_id   bigint NOT NULL REFERENCES plan_tasks (id) ON DELETE CASCADE,
    at        timestamptz NOT NULL,
    progress  int NOT NULL CHECK (progress BETWEEN 0 AND 100),
    cancelled boolean NOT NULL DEFAULT false,
    note      text,
    actor     text NOT NULL
);
CREATE INDEX plan_task_progress_task ON plan_task_progress (task_id, at);

-- Frozen monthly bulletins (亮灯通报): written once at the cut-off, never changed.
CREATE TABLE bulletins (
    month               text PRIMARY KEY,
    cutoff              timestamptz NOT NULL,
    frozen_at           timestamptz NOT NULL,
    deduct_from         int NOT NULL,
    points_per_red_month double precision NOT NULL
);
CREATE TABLE bulletin_items (
    month      text NOT NULL REFERENCES bulletins (month),
    kind       text NOT NULL CHECK (kind IN ('issue', 'task')),
    item_id    bigint NOT NULL,
    title      text NOT NULL,
    light      text NOT NULL CHECK (light IN ('red', 'yellow', 'green')),
    status     text NOT NULL,
    deadline   timestamptz NOT NULL,
    chief_id   text,
    chief_name text,
    unit_code  text,
    area_code  text,
    area_codes text[] NOT NULL,
    PRIMARY KEY (month, kind, item_id)
);
CREATE INDEX bulletin_items_area_codes ON bulletin_items USING gin (area_codes);
CREATE INDEX bulletin_items_unit ON bulletin_items (unit_code, month) WHERE light = 'red';
-- A frozen bulletin never changes: refuse updates and deletes of its rows.
CREATE FUNCTION bulletin_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'bulletin % is frozen', OLD.month;
END $$;
CREATE TRIGGER bulletins_frozen BEFORE UPDATE OR DELETE ON bulletins FOR EACH ROW EXECUTE FUNCTION bulletin_frozen();
CREATE TRIGGER bulletin_items_frozen BEFORE UPDATE OR DELETE ON bulletin_items FOR EACH ROW EXECUTE FUNCTION bulletin_frozen();

-- Re-checks of closed issues (回头看) and the quarterly samples drawn for them.
CREATE TABLE issue_rechecks (
    id       bigserial PRIMARY KEY,
    issue_id bigint NOT NULL REFERENCES issues (id),
    at       timestamptz NOT NULL,
    result   text NOT NULL CHECK (result IN ('passes', 'reopens')),
    reason   text,
    actor    text NOT NULL,
    quarter  text
);
CREATE INDEX issue_rechecks_issue ON issue_rechecks (issue_id);
CREATE TABLE recheck_samples (
    quarter   text NOT NULL,
    area_code text NOT NULL,
    issue_id  bigint NOT NULL REFERENCES issues (id),
    drawn_at  timestamptz NOT NULL,
    PRIMARY KEY (quarter, area_code, issue_id)
);

-- Monthly reports marked submitted (on time or late against the due time).
CREATE TABLE report_submissions (
    area_code    text NOT NULL,
    month        text NOT NULL,
    submitted_at timestamptz NOT NULL,
    due_at       timestamptz NOT NULL,
    on_time      boolean NOT NULL,
    actor        text NOT NULL,
    note         text,
    PRIMARY KEY (area_code, month)
);

-- Sanctions (提示, 通报, 约谈, 问责): who, when, why, decided by whom (an authority), recorded by which user.
CREATE TABLE sanctions (
    id           bigserial PRIMARY KEY,
    kind         text NOT NULL CHECK (kind IN ('reminder', 'notice', 'interview', 'accountability')),
    subject_type text NOT NULL CHECK (subject_type IN ('chief', 'unit', 'area')),
    subject_code text NOT NULL,
    subject_name text NOT NULL,
    area_code    text NOT NULL,
    area_codes   text[] NOT NULL,
    on_day       date NOT NULL,
    reason       text NOT NULL,
    decided_by   text NOT NULL,
    recorded_at  timestamptz NOT NULL,
    recorded_by  text NOT NULL
);
CREATE INDEX sanctions_area_codes ON sanctions USING gin (area_codes);
