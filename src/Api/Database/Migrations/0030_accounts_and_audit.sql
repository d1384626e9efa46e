-- RiverGis schema, version 30: accounts (users and their roles), the key RiverGis signs its own tokens with, the
-- append-only audit log, and the reporters' follow-up tokens.

-- Users of RiverGis's own sign-in (offices without an identity provider). Area and chief are codes of the river-chief
-- data without foreign keys on purpose: re-imports replace areas and chiefs, and must not fail on, or delete, accounts.
CREATE TABLE users (
    id              bigserial PRIMARY KEY,
    username        text NOT NULL CHECK (length(username) BETWEEN 1 AND 64),
    display_name    text CHECK (length(display_name) <= 100),
    -- ASP.NET Core Identity's PasswordHasher (PBKDF2, salted, versioned format): never a password.
    password_hash   text NOT NULL,
    role            text NOT NULL CHECK (role IN ('public', 'chief', 'office', 'admin')),
    area_code       text,
    chief_id        text,
    disabled        boolean NOT NULL DEFAULT false,
    failed_attempts integer NOT NULL DEFAULT 0,
    locked_until    timestamptz,
    -- Changes whenever the password, role, scope or state changes: tokens issued before no longer count.
    security_stamp  text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (role <> 'office' OR area_code IS NOT NULL),
    CHECK (role <> 'chief' OR chief_id IS NOT NULL)
);
-- Usernames are unique whatever their case ("Admin" and "admin" are one account).
CREATE UNIQUE INDEX users_username ON users (lower(username));

-- The key RiverGis signs its tokens with when none is configured: generated once by the first instance that starts,
-- read by every other one, so several instances on one database accept each other's tokens.
CREATE TABLE signing_keys (
    id         text PRIMARY KEY,
    key        bytea NOT NULL CHECK (length(key) >= 32),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Who changed what, when and from where. Append-only: the trigger below refuses UPDATE, DELETE and TRUNCATE, so not
-- even the service's own database role can rewrite history. area_codes is the changed resource's area and its
-- ancestors (an office reads the entries of its subtree); empty for resources without an area (users, settings).
CREATE TABLE audit_log (
    id             bigserial PRIMARY KEY,
    at             timestamptz NOT NULL,
    username       text,
    role           text NOT NULL,
    action         text NOT NULL,
    resource_type  text NOT NULL,
    resource_id    text,
    area_codes     text[] NOT NULL DEFAULT '{}',
    change         jsonb NOT NULL DEFAULT '{}',
    client_address text
);
CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_area_codes ON audit_log USING gin (area_codes);
CREATE INDEX audit_log_resource ON audit_log (resource_type, resource_id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- A report's follow-up token (given to the reporter once, when filed) is kept as its SHA-256 only: the database alone
-- does not let anyone read a reporter's status page or contact.
ALTER TABLE issues ADD COLUMN follow_up_hash text UNIQUE;
ALTER TABLE issues ADD COLUMN reported_by text;

-- ASP.NET Core Data Protection keys (they protect the antiforgery tokens), shared by every instance on the database so
-- that a token one instance gave out is accepted by the others.
CREATE TABLE data_protection_keys (
    friendly_name text PRIMARY KEY,
    xml           text NOT NULL
);
