-- Dashboards and the quarterly Performance and QA report (issue 6, items 2-4):
-- comparator groups (statistical neighbours, region) with their published values per indicator and year;
-- the council's targets and red/amber/green thresholds per indicator; the report's narrative sections,
-- versioned (optimistic concurrency) with every saved draft kept.

CREATE TABLE comparator_group (
  id varchar(36) PRIMARY KEY,                          -- e.g. statistical_neighbours, region
  name text NOT NULL,                                  -- shown beside the figure: "Statistical neighbours"
  description text,                                    -- which councils, and where the figures come from
  position integer NOT NULL DEFAULT 0                  -- order on pages and in the report
);

CREATE TABLE comparator_value (
  id varchar(36) PRIMARY KEY,
  group_id varchar(36) NOT NULL REFERENCES comparator_group(id),
  indicator_id varchar(64) NOT NULL,                   -- an id in src/indicators/definitions.ts
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100), -- the DfE year, as for England (src/indicators/england.ts)
  value numeric(9,1) NOT NULL CHECK (value >= 0),
  source text
);

-- Targets the council sets. For an indicator where up is good: green at or above target, amber at or
-- above amber_from, else red; where down is good: green at or below target, amber at or below amber_from.
CREATE TABLE indicator_target (
  id varchar(36) PRIMARY KEY,
  indicator_id varchar(64) NOT NULL,
  target numeric(9,1) NOT NULL CHECK (target >= 0),
  amber_from numeric(9,1) NOT NULL CHECK (amber_from >= 0),
  note text
);

-- One row per quarter and section: the current draft; version counts saves.
CREATE TABLE report_narrative (
  id varchar(36) PRIMARY KEY,
  quarter varchar(7) NOT NULL CHECK (quarter ~ '^[0-9]{4}-Q[1-4]$'), -- the quarter's calendar year and number: 2026-Q1 is January to March 2026
  section varchar(40) NOT NULL,
  body text NOT NULL CHECK (length(body) <= 20000),
  saved_by varchar(36) REFERENCES user_account(id)
);

-- Every saved version of a narrative section, never changed.
CREATE TABLE report_narrative_revision (
  id varchar(36) PRIMARY KEY,
  narrative_id varchar(36) NOT NULL REFERENCES report_narrative(id),
  narrative_version integer NOT NULL,
  body text NOT NULL,
  saved_by varchar(36) REFERENCES user_account(id)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['comparator_group', 'comparator_value', 'indicator_target', 'report_narrative', 'report_narrative_revision']
  LOOP
    EXECUTE format('ALTER TABLE %I
      ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version > 0),
      ADD COLUMN deleted_at timestamptz,
      ADD CONSTRAINT %I CHECK (id ~ ''^[A-Za-z0-9_-]{1,36}$'')', t, t || '_id_format');
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION tiller_touch()', t || '_touch', t);
  END LOOP;
END $$;

CREATE UNIQUE INDEX comparator_value_one_a_year ON comparator_value (group_id, indicator_id, year) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX indicator_target_one_each ON indicator_target (indicator_id) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX report_narrative_one_each ON report_narrative (quarter, section) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX report_narrative_revision_each ON report_narrative_revision (narrative_id, narrative_version);

CREATE TRIGGER report_narrative_revision_append_only BEFORE UPDATE OR DELETE ON report_narrative_revision
  FOR EACH ROW EXECUTE FUNCTION tiller_refuse_change();
