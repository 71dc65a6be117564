-- Quality assurance (issue 6, items 5-7): case file audits, the improvement plan, inspection history.
-- Grades use the ILACS four-point scale as codes: outstanding, good, requires_improvement, inadequate.
-- Who may see a sampled child's record is decided in src/access/rules.ts (grant 'audits').

-- ===================================================================== case file audits
-- The council's question set: a header that can be renamed, and immutable revisions of its questions.
-- Editing the questions adds a revision; an audit names the revision it was answered against.
CREATE TABLE qa_question_set (
  id varchar(36) PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description text,
  current_revision integer NOT NULL DEFAULT 1 CHECK (current_revision > 0)
);

CREATE TABLE qa_question_set_revision (
  id varchar(36) PRIMARY KEY,
  question_set_id varchar(36) NOT NULL REFERENCES qa_question_set(id),
  revision integer NOT NULL CHECK (revision > 0),
  questions jsonb NOT NULL,                             -- [{ "id": "q1", "text": "…", "theme": "…" }]
  created_by varchar(36) REFERENCES user_account(id)
);
CREATE UNIQUE INDEX qa_question_set_revision_each ON qa_question_set_revision (question_set_id, revision);

CREATE TABLE case_file_audit (
  id varchar(36) PRIMARY KEY,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  question_set_revision_id varchar(36) NOT NULL REFERENCES qa_question_set_revision(id),
  sample_kind text NOT NULL CHECK (sample_kind IN ('random', 'theme', 'team')),
  sample_indicator_id varchar(64) NOT NULL,             -- whose members the sample was drawn from
  sample_team_id varchar(36) REFERENCES team(id),
  sample_size integer NOT NULL CHECK (sample_size BETWEEN 1 AND 200),
  sample_seed bigint NOT NULL CHECK (sample_seed BETWEEN 0 AND 4294967295),
  sample_as_of date NOT NULL,
  population_size integer NOT NULL CHECK (population_size >= 0),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  due_date date,
  closed_on date,
  created_by varchar(36) REFERENCES user_account(id),
  CHECK ((status = 'closed') = (closed_on IS NOT NULL))
);

-- One sampled child: who audits it, the grades, and the moderation.
CREATE TABLE case_file_audit_case (
  id varchar(36) PRIMARY KEY,
  audit_id varchar(36) NOT NULL REFERENCES case_file_audit(id),
  person_id varchar(36) NOT NULL REFERENCES person(id),
  team_id varchar(36) REFERENCES team(id),              -- the child's team when sampled (for the themes report)
  auditor_user_id varchar(36) REFERENCES user_account(id),
  moderator_user_id varchar(36) REFERENCES user_account(id),
  overall_grade text CHECK (overall_grade IN ('outstanding', 'good', 'requires_improvement', 'inadequate')),
  answers jsonb,                                        -- [{ "questionId": "q1", "grade": "good" | "not_applicable", "comment": "…" }]
  summary text,
  graded_on date,
  moderation_outcome text CHECK (moderation_outcome IN ('agreed', 'changed')),
  moderated_grade text CHECK (moderated_grade IN ('outstanding', 'good', 'requires_improvement', 'inadequate')),
  moderation_reason text,
  moderated_on date,
  CHECK (auditor_user_id IS NULL OR moderator_user_id IS NULL OR auditor_user_id <> moderator_user_id),
  CHECK ((overall_grade IS NULL) = (graded_on IS NULL)),
  CHECK ((moderation_outcome IS NULL) = (moderated_on IS NULL)),
  CHECK (moderation_outcome IS NULL OR overall_grade IS NOT NULL),
  CHECK (moderation_outcome IS DISTINCT FROM 'changed' OR (moderated_grade IS NOT NULL AND moderation_reason IS NOT NULL))
);
CREATE INDEX case_file_audit_case_auditor_idx ON case_file_audit_case (auditor_user_id, person_id);
CREATE INDEX case_file_audit_case_moderator_idx ON case_file_audit_case (moderator_user_id, person_id);
CREATE INDEX case_file_audit_case_person_idx ON case_file_audit_case (person_id);

CREATE TABLE case_file_audit_finding (
  id varchar(36) PRIMARY KEY,
  audit_case_id varchar(36) NOT NULL REFERENCES case_file_audit_case(id),
  finding text NOT NULL,
  themes text[] NOT NULL DEFAULT '{}',                  -- codes in src/case-file-audits/themes.ts
  strength boolean NOT NULL DEFAULT false               -- a strength rather than a shortfall
);
CREATE INDEX case_file_audit_finding_case_idx ON case_file_audit_finding (audit_case_id);

CREATE TABLE case_file_audit_action (
  id varchar(36) PRIMARY KEY,
  audit_case_id varchar(36) NOT NULL REFERENCES case_file_audit_case(id),
  description text NOT NULL,
  owner_professional_id varchar(36) NOT NULL REFERENCES professional(id),
  due_date date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'completed')),
  completed_on date,
  CHECK ((status = 'completed') = (completed_on IS NOT NULL))
);
CREATE INDEX case_file_audit_action_case_idx ON case_file_audit_action (audit_case_id);
CREATE INDEX case_file_audit_action_owner_idx ON case_file_audit_action (owner_professional_id);

-- ===================================================================== improvement plan
CREATE TABLE improvement_area (
  id varchar(36) PRIMARY KEY,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  description text,
  source text NOT NULL CHECK (source IN ('inspection', 'monitoring_visit', 'focused_visit', 'self_evaluation', 'case_file_audit', 'other')),
  inspection_id varchar(36),                            -- the inspection or visit it came from, when it did
  position integer NOT NULL DEFAULT 0
);

CREATE TABLE improvement_action (
  id varchar(36) PRIMARY KEY,
  area_id varchar(36) NOT NULL REFERENCES improvement_area(id),
  description text NOT NULL,
  owner text NOT NULL,                                  -- a named post or person ("Head of Service, Front Door")
  owner_professional_id varchar(36) REFERENCES professional(id),
  due_date date NOT NULL,
  status text NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started', 'in_progress', 'completed')),
  completed_on date,
  rag_override text CHECK (rag_override IN ('red', 'amber', 'green')),
  rag_override_reason text,
  CHECK ((status = 'completed') = (completed_on IS NOT NULL)),
  CHECK ((rag_override IS NULL) = (rag_override_reason IS NULL))
);
CREATE INDEX improvement_action_area_idx ON improvement_action (area_id);

CREATE TABLE improvement_evidence (
  id varchar(36) PRIMARY KEY,
  action_id varchar(36) NOT NULL REFERENCES improvement_action(id),
  kind text NOT NULL CHECK (kind IN ('indicator', 'audit_theme', 'document')),
  indicator_id varchar(64),
  audit_theme text,
  document_ref text,                                    -- a reference or an http(s) URL
  note text,
  CHECK ((kind = 'indicator') = (indicator_id IS NOT NULL)),
  CHECK ((kind = 'audit_theme') = (audit_theme IS NOT NULL)),
  CHECK ((kind = 'document') = (document_ref IS NOT NULL))
);
CREATE INDEX improvement_evidence_action_idx ON improvement_evidence (action_id);

-- ===================================================================== inspection history
-- A graded ILACS inspection, or an ungraded visit (focused, monitoring) with its themes.
CREATE TABLE inspection (
  id varchar(36) PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('ilacs_standard', 'ilacs_short', 'focused_visit', 'monitoring_visit', 'jtai', 'sif')),
  start_date date NOT NULL,
  end_date date,
  published_on date,
  lead_inspector text,
  report_url text,
  themes text[] NOT NULL DEFAULT '{}',
  summary text,
  overall_grade text CHECK (overall_grade IN ('outstanding', 'good', 'requires_improvement', 'inadequate')),
  leaders_grade text CHECK (leaders_grade IN ('outstanding', 'good', 'requires_improvement', 'inadequate')),
  help_protection_grade text CHECK (help_protection_grade IN ('outstanding', 'good', 'requires_improvement', 'inadequate')),
  children_in_care_grade text CHECK (children_in_care_grade IN ('outstanding', 'good', 'requires_improvement', 'inadequate')),
  care_leavers_grade text CHECK (care_leavers_grade IN ('outstanding', 'good', 'requires_improvement', 'inadequate')),
  CHECK (end_date IS NULL OR end_date >= start_date),
  CHECK (published_on IS NULL OR published_on >= start_date)
);
CREATE INDEX inspection_start_idx ON inspection (start_date);

ALTER TABLE improvement_area ADD CONSTRAINT improvement_area_inspection_fk FOREIGN KEY (inspection_id) REFERENCES inspection(id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['qa_question_set', 'qa_question_set_revision', 'case_file_audit', 'case_file_audit_case', 'case_file_audit_finding',
    'case_file_audit_action', 'improvement_area', 'improvement_action', 'improvement_evidence', 'inspection']
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

-- A child is sampled once per audit (after the common columns exist).
CREATE UNIQUE INDEX case_file_audit_case_once ON case_file_audit_case (audit_id, person_id) WHERE deleted_at IS NULL;

-- The questions an audit was answered against never change.
CREATE TRIGGER qa_question_set_revision_append_only BEFORE UPDATE OR DELETE ON qa_question_set_revision
  FOR EACH ROW EXECUTE FUNCTION tiller_refuse_change();
