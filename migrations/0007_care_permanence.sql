-- Children in care (issue 5): the regulation 28 visit variants on a placement, in-house foster households
-- and their capacity (placement sufficiency), the leaving-care needs assessment and requests for personal
-- adviser support after 21. The adoption tracker uses 0001's `adoption` table as it is (one row per
-- child's adoption journey, the dates of List 10 and the SSDA903 AD1/PlacedAdoption tables).

-- ===================================================================== foster households
CREATE TABLE foster_household (                       -- the council's own (in-house) approved foster carers
  id varchar(36) PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,36}$'),
  name text NOT NULL,                                 -- how the service knows the household (not a child's name)
  approval_type text NOT NULL CHECK (approval_type IN ('mainstream', 'connected_person', 'fostering_for_adoption', 'short_break', 'parent_and_child')),
  approved_places integer NOT NULL CHECK (approved_places BETWEEN 0 AND 20),
  approved_date date NOT NULL,
  deregistered_date date,                             -- no longer approved (resigned, approval removed)
  on_hold boolean NOT NULL DEFAULT false,             -- approved but not taking placements (e.g. under review)
  postcode varchar(8),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1 CHECK (version > 0),
  deleted_at timestamptz,
  CHECK (deregistered_date IS NULL OR deregistered_date >= approved_date)
);
CREATE TRIGGER foster_household_touch BEFORE UPDATE ON foster_household FOR EACH ROW EXECUTE FUNCTION tiller_touch();

-- ===================================================================== placements
ALTER TABLE placement
  ADD COLUMN foster_household_id varchar(36) REFERENCES foster_household(id),
  -- Regulation 28 variants: 'parent_before_assessment' (reg 28(3): placed with a parent under reg 19
  -- before the assessment is complete) and 'connected_person_temporary' (reg 28(4): a connected person
  -- with temporary approval under reg 24) are visited weekly until the first review; null = the standard rule.
  ADD COLUMN visit_regime text CHECK (visit_regime IN ('parent_before_assessment', 'connected_person_temporary')),
  ADD COLUMN visit_regime_end_date date;              -- the variant stops applying (e.g. the connected person approved as a foster carer)
CREATE INDEX placement_household_idx ON placement (foster_household_id) WHERE foster_household_id IS NOT NULL;
CREATE INDEX placement_open_idx ON placement (start_date) WHERE end_date IS NULL AND deleted_at IS NULL;

-- ===================================================================== care leavers
CREATE TABLE leaving_care_needs_assessment (          -- reg 42: within 3 months of the 16th birthday or of becoming eligible
  id varchar(36) PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,36}$'),
  person_id varchar(36) NOT NULL REFERENCES person(id),
  assessment_date date NOT NULL,
  worker_id varchar(36) REFERENCES professional(id),
  summary text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1 CHECK (version > 0),
  deleted_at timestamptz
);
CREATE INDEX leaving_care_needs_assessment_person_idx ON leaving_care_needs_assessment (person_id, assessment_date);
CREATE TRIGGER leaving_care_needs_assessment_touch BEFORE UPDATE ON leaving_care_needs_assessment FOR EACH ROW EXECUTE FUNCTION tiller_touch();

CREATE TABLE care_leaver_support_request (            -- s23CZA (Children and Social Work Act 2017): PA support to 25 on request after 21
  id varchar(36) PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,36}$'),
  person_id varchar(36) NOT NULL REFERENCES person(id),
  request_date date NOT NULL,
  worker_id varchar(36) REFERENCES professional(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1 CHECK (version > 0),
  deleted_at timestamptz
);
CREATE INDEX care_leaver_support_request_person_idx ON care_leaver_support_request (person_id, request_date);
CREATE TRIGGER care_leaver_support_request_touch BEFORE UPDATE ON care_leaver_support_request FOR EACH ROW EXECUTE FUNCTION tiller_touch();

-- ===================================================================== adoption tracker
CREATE INDEX adoption_person_idx ON adoption (person_id);
