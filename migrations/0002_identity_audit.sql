-- Identity, access control and audit (issue 3). PostgreSQL 15 is the floor (it also runs on PGlite).
-- 0001's DO-block gave its own tables the common columns; tables here declare theirs explicitly.
-- Roles, restriction and break-glass rules are enforced in src/access/rules.ts; this file only stores facts.

-- ===================================================================== accounts
CREATE TABLE user_account (
  id varchar(36) PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,36}$'),
  username text NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9._@-]{1,99}$'),  -- stored lower-case
  display_name text NOT NULL,
  email text,
  professional_id varchar(36) REFERENCES professional(id),  -- the worker this account is (relationships come from it)
  password_hash text,                                       -- argon2id PHC string; null for single-sign-on-only accounts
  password_changed_at timestamptz,
  oidc_issuer text,                                         -- single sign-on identity: issuer + subject
  oidc_subject text,
  disabled_at timestamptz,                                  -- a disabled account cannot sign in; its sessions are revoked
  last_sign_in_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1 CHECK (version > 0),
  deleted_at timestamptz,
  CHECK ((oidc_issuer IS NULL) = (oidc_subject IS NULL))
);
CREATE UNIQUE INDEX user_account_username_idx ON user_account (username);
CREATE UNIQUE INDEX user_account_oidc_idx ON user_account (oidc_issuer, oidc_subject) WHERE oidc_issuer IS NOT NULL;
CREATE INDEX user_account_professional_idx ON user_account (professional_id);
CREATE TRIGGER user_account_touch BEFORE UPDATE ON user_account FOR EACH ROW EXECUTE FUNCTION tiller_touch();

CREATE TABLE user_role (                              -- a user holds one or more roles; access is their union
  id varchar(36) PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,36}$'),
  user_id varchar(36) NOT NULL REFERENCES user_account(id),
  role text NOT NULL CHECK (role IN ('front_door', 'social_worker', 'personal_adviser', 'team_manager', 'service_manager',
    'iro', 'performance_analyst', 'quality_auditor', 'data_protection_officer', 'administrator')),
  granted_by varchar(36) REFERENCES user_account(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1 CHECK (version > 0),
  deleted_at timestamptz
);
CREATE UNIQUE INDEX user_role_once_idx ON user_role (user_id, role) WHERE deleted_at IS NULL;
CREATE TRIGGER user_role_touch BEFORE UPDATE ON user_role FOR EACH ROW EXECUTE FUNCTION tiller_touch();

-- ===================================================================== sessions and sign-in
CREATE TABLE user_session (                           -- server-side sessions; the cookie holds a token, only its hash is here
  id varchar(36) PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,36}$'),  -- shown when listing sessions; not the token
  user_id varchar(36) NOT NULL REFERENCES user_account(id),
  token_hash char(64) NOT NULL,                       -- SHA-256 of the cookie token, hex
  csrf_token varchar(64) NOT NULL,                    -- per-session token every form posts back
  method text NOT NULL CHECK (method IN ('password', 'oidc', 'api_token')),  -- api_token: a bearer token for scripts (no idle timeout)
  ip_address text,
  user_agent text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),    -- idle timeout counts from here
  expires_at timestamptz NOT NULL,                    -- absolute timeout
  revoked_at timestamptz,
  revoked_reason text CHECK (revoked_reason IN ('signed_out', 'revoked_by_user', 'revoked_by_admin', 'account_disabled', 'password_changed')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1 CHECK (version > 0)
);
CREATE UNIQUE INDEX user_session_token_idx ON user_session (token_hash);
CREATE INDEX user_session_user_idx ON user_session (user_id, created_at);
CREATE TRIGGER user_session_touch BEFORE UPDATE ON user_session FOR EACH ROW EXECUTE FUNCTION tiller_touch();

CREATE TABLE sign_in_attempt (                        -- for throttling per account and per address
  id varchar(36) PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,36}$'),
  username text NOT NULL,                             -- as typed, lower-cased (may not be an account)
  ip_address text NOT NULL,
  succeeded boolean NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_attempt_username_idx ON sign_in_attempt (username, created_at);
CREATE INDEX sign_in_attempt_ip_idx ON sign_in_attempt (ip_address, created_at);

-- ===================================================================== access beyond relationships
CREATE TABLE break_glass_grant (                      -- time-limited access to one child's record, with a reason; reported
  id varchar(36) PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,36}$'),
  user_id varchar(36) NOT NULL REFERENCES user_account(id),
  person_id varchar(36) NOT NULL REFERENCES person(id),
  reason text NOT NULL CHECK (length(trim(reason)) >= 10),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1 CHECK (version > 0),
  deleted_at timestamptz,
  CHECK (expires_at > created_at)
);
CREATE INDEX break_glass_user_idx ON break_glass_grant (user_id, person_id, expires_at);
CREATE INDEX break_glass_created_idx ON break_glass_grant (created_at);
CREATE TRIGGER break_glass_grant_touch BEFORE UPDATE ON break_glass_grant FOR EACH ROW EXECUTE FUNCTION tiller_touch();

CREATE TABLE restricted_record_access (                -- the named users who may see a restricted person (person.restricted)
  id varchar(36) PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,36}$'),
  person_id varchar(36) NOT NULL REFERENCES person(id),
  user_id varchar(36) NOT NULL REFERENCES user_account(id),
  granted_by varchar(36) REFERENCES user_account(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1 CHECK (version > 0),
  deleted_at timestamptz
);
CREATE UNIQUE INDEX restricted_record_access_once_idx ON restricted_record_access (person_id, user_id) WHERE deleted_at IS NULL;
CREATE INDEX restricted_record_access_user_idx ON restricted_record_access (user_id);
CREATE TRIGGER restricted_record_access_touch BEFORE UPDATE ON restricted_record_access FOR EACH ROW EXECUTE FUNCTION tiller_touch();

-- The access rules look children up by team (src/access/rules.ts).
CREATE INDEX involvement_team_idx ON involvement (team_id) WHERE team_id IS NOT NULL;
CREATE INDEX contact_undecided_idx ON contact (person_id) WHERE decision_date IS NULL;

-- Why a record is restricted (staff relative, high profile, adoption sealed); shown to named users and the DPO.
ALTER TABLE person ADD COLUMN restriction_reason text
  CHECK (restriction_reason IN ('staff_relative', 'high_profile', 'adoption_sealed', 'other'));

-- ===================================================================== audit
-- Append-only: every read of a child's record, every search, export and print, every write (with the
-- before/after difference), sign-ins and access refusals. Never updated, never deleted (trigger below).
-- The id is a sequence number (it orders events); there is no version or deleted_at because nothing changes.
CREATE TABLE audit_event (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  user_id varchar(36) REFERENCES user_account(id),   -- null only for failed sign-ins with an unknown user
  username text,                                      -- as it was at the time
  roles text[] NOT NULL DEFAULT '{}',                 -- the roles the user held when acting
  action text NOT NULL CHECK (action IN ('read', 'search', 'export', 'print', 'create', 'update', 'delete',
    'sign_in', 'sign_in_failed', 'sign_out', 'session_revoked', 'break_glass', 'access_denied', 'user_admin')),
  outcome text NOT NULL DEFAULT 'success' CHECK (outcome IN ('success', 'denied', 'failure')),
  person_id varchar(36),                              -- the child (or adult) whose record this is about (no FK: refusals name ids that may not exist)
  entity_type text,                                   -- table or kind, e.g. 'person', 'visit', 'subject_access_export'
  entity_id text,
  entity_version integer,                             -- the version after a write
  what text,                                          -- which part of the record, e.g. 'chronology'
  reason text,                                        -- the break-glass reason, when access came from one
  detail jsonb,                                       -- search terms and result count, export contents, refusal reason
  diff jsonb,                                         -- writes: { field: { before, after } }
  ip_address text,
  request_id text,
  route text                                          -- method and route pattern, e.g. 'GET /children/:childId'
);
CREATE INDEX audit_event_person_idx ON audit_event (person_id, occurred_at) WHERE person_id IS NOT NULL;
CREATE INDEX audit_event_user_idx ON audit_event (user_id, occurred_at);
CREATE INDEX audit_event_entity_idx ON audit_event (entity_type, entity_id) WHERE entity_id IS NOT NULL;
CREATE INDEX audit_event_action_idx ON audit_event (action, occurred_at);

CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION tiller_refuse_change();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION tiller_refuse_change();
