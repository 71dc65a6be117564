-- Prospective adopters (Ofsted Annex A List 11): the adoptive household ("family"), the individual adopters
-- in it, and the household's journey through the adoption process (enquiry, stage 1, stage 2, application,
-- approval, match, placement, adoption order, or leaving the process). A child's adoption journey
-- (0001 `adoption`) names the household it was matched with, which fills List 10's Family identifier.
-- The order of the dates is checked by the use case (src/adopters/households.ts) with messages a person
-- can act on; the CHECKs below are the same rules as a backstop.

-- ===================================================================== adopter households
CREATE TABLE adopter_household (
  id varchar(36) PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,36}$'),
  family_identifier varchar(36) NOT NULL CHECK (family_identifier ~ '^[A-Za-z0-9_-]{1,36}$'), -- Annex A "Family identifier"
  name text NOT NULL,                                 -- how the adoption service knows the household (not a child's name)
  agency text NOT NULL CHECK (agency IN ('in_house', 'other_agency')), -- assessed and approved by this council's agency, or another
  other_agency_name text,                             -- the other agency (regional adoption agency, voluntary agency, another council)
  fostering_for_adoption boolean NOT NULL DEFAULT false, -- also approved as foster carers for early permanence (FFA / concurrent planning)
  enquiry_date date,                                  -- required for an in-house household (List 11 "Date enquiry received")
  stage1_start_date date,
  stage1_end_date date,
  stage2_start_date date,
  stage2_end_date date,
  application_date date,                              -- formal application submitted
  approval_date date,                                 -- agency decision maker approved the household as suitable to adopt
  matched_date date,                                  -- first match with a child (or sibling group); else the linked children's
  placed_date date,                                   -- first child placed with them for adoption; else the linked children's
  children_placed integer CHECK (children_placed BETWEEN 0 AND 12), -- when known otherwise (children of other councils); else counted from linked children
  adoption_order_date date,
  left_date date,                                     -- date of leaving the adoption process
  left_reason text CHECK (left_reason IN ('withdrew', 'on_hold', 'refused')), -- Annex A: 1 adopter withdrew, 2 on hold, 3 application refused
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1 CHECK (version > 0),
  deleted_at timestamptz,
  CHECK (agency = 'other_agency' OR enquiry_date IS NOT NULL),
  CHECK ((left_date IS NULL) = (left_reason IS NULL)),
  CHECK (stage1_end_date IS NULL OR (stage1_start_date IS NOT NULL AND stage1_end_date >= stage1_start_date)),
  CHECK (stage2_end_date IS NULL OR (stage2_start_date IS NOT NULL AND stage2_end_date >= stage2_start_date)),
  CHECK (stage2_start_date IS NULL OR stage1_start_date IS NULL OR (stage1_end_date IS NOT NULL AND stage2_start_date >= stage1_end_date)),
  CHECK (approval_date IS NULL OR application_date IS NULL OR approval_date >= application_date),
  CHECK (placed_date IS NULL OR matched_date IS NULL OR placed_date >= matched_date),
  CHECK (adoption_order_date IS NULL OR placed_date IS NULL OR adoption_order_date >= placed_date)
);
CREATE TRIGGER adopter_household_touch BEFORE UPDATE ON adopter_household FOR EACH ROW EXECUTE FUNCTION tiller_touch();
CREATE UNIQUE INDEX adopter_household_family_idx ON adopter_household (family_identifier) WHERE deleted_at IS NULL;

-- ===================================================================== individual adopters
CREATE TABLE adopter (                                -- one prospective adopter (synthetic in the demo)
  id varchar(36) PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,36}$'), -- Annex A "Individual adopter identifier"
  household_id varchar(36) NOT NULL REFERENCES adopter_household(id),
  known_as text,                                      -- optional: how the service tells the adopters apart
  sex text NOT NULL CHECK (sex IN ('M', 'F', 'N', 'U')), -- Annex A gender: a) Male, b) Female, c) Not stated/recorded (U), d) Neither (N)
  ethnicity varchar(4) NOT NULL DEFAULT 'NOBT',       -- the CIN census / 903 ethnicity codes
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1 CHECK (version > 0),
  deleted_at timestamptz
);
CREATE TRIGGER adopter_touch BEFORE UPDATE ON adopter FOR EACH ROW EXECUTE FUNCTION tiller_touch();
CREATE INDEX adopter_household_idx ON adopter (household_id);

-- ===================================================================== the child's journey names the household
ALTER TABLE adoption ADD COLUMN adopter_household_id varchar(36) REFERENCES adopter_household(id);
CREATE INDEX adoption_adopter_household_idx ON adoption (adopter_household_id) WHERE adopter_household_id IS NOT NULL;
