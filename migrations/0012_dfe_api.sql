-- DfE children's social care API (issue 7): what was last sent for each child, so that a daily run
-- sends only the children whose record changed, and a purge for those no longer in scope; and a record
-- of every request to the DfE and its response. Neither table holds a child's record: only ids, hashes,
-- counts and a short summary of each response with quoted values removed.

CREATE TABLE dfe_api_child_state (                    -- one row per child ever sent
  id varchar(36) PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,36}$'), -- the child's person id (la_child_id)
  sent_hash char(64),                                 -- SHA-256 of the payload the DfE last accepted (null: never accepted)
  sent_at timestamptz,
  purged boolean NOT NULL DEFAULT false,              -- the DfE was last told to purge the child
  last_status text CHECK (last_status IN ('accepted', 'rejected', 'failed')),
  last_attempt_at timestamptz,
  last_error text,                                    -- why the last attempt was not accepted (no personal data)
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1 CHECK (version > 0),
  deleted_at timestamptz
);
CREATE TRIGGER dfe_api_child_state_touch BEFORE UPDATE ON dfe_api_child_state FOR EACH ROW EXECUTE FUNCTION tiller_touch();

CREATE TABLE dfe_api_submission (                     -- one row per HTTP request to the receiving endpoint (retries included)
  id varchar(36) PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,36}$'),
  run_id varchar(36) NOT NULL,                        -- one daily run (tiller send dfe-api)
  batch integer NOT NULL CHECK (batch >= 1),          -- the batch within the run
  attempt integer NOT NULL CHECK (attempt >= 1),
  child_ids text[] NOT NULL,                          -- la_child_id of each record, in the order sent
  children integer NOT NULL CHECK (children BETWEEN 0 AND 100),
  purges integer NOT NULL DEFAULT 0,
  status_code integer,                                -- HTTP status; null when the request never got an answer
  outcome text NOT NULL CHECK (outcome IN ('accepted', 'rejected', 'retrying', 'failed')),
  failing_indexes integer[] NOT NULL DEFAULT '{}',    -- from a 400: the records the DfE refused (0-based, in child_ids)
  response_summary text NOT NULL,
  sent_at timestamptz NOT NULL,
  duration_ms integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1 CHECK (version > 0),
  deleted_at timestamptz
);
CREATE INDEX dfe_api_submission_sent_idx ON dfe_api_submission (sent_at);
CREATE INDEX dfe_api_submission_run_idx ON dfe_api_submission (run_id, batch, attempt);
