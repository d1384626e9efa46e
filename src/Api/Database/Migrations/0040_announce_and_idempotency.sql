-- RiverGis schema 0040: data changes announced to every instance, and one idempotency mechanism for every write.

-- Every bump of the data version is announced (delivered at commit) on the channel the service instances LISTEN on,
-- so each swaps its in-memory system within a second of an import, without polling.
CREATE FUNCTION announce_data_version() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    PERFORM pg_notify('rivergis_data_version', NEW.version::text);
    RETURN NEW;
END $$;

CREATE TRIGGER data_version_announce AFTER UPDATE ON data_version
    FOR EACH ROW EXECUTE FUNCTION announce_data_version();

-- Idempotency keys of every kind of write (scope: issues; patrol uploads and water samples later): the key is claimed
-- in the same transaction that creates the resource, so a retry, a race or a crash between the two can never store
-- twice nor answer one client with another's resource. request_hash tells a retry (same body) from a reuse (another).
CREATE TABLE idempotency_keys (
    scope        text NOT NULL,
    key          text NOT NULL,
    request_hash text NOT NULL,
    resource_id  bigint,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key)
);

INSERT INTO idempotency_keys (scope, key, request_hash, resource_id, created_at)
SELECT 'issues', idempotency_key, coalesce(request_hash, ''), id, reported_at FROM issues WHERE idempotency_key IS NOT NULL;

ALTER TABLE issues DROP COLUMN idempotency_key, DROP COLUMN request_hash;
