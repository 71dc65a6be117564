-- Tiller's whole data model. PostgreSQL 15 is the floor (it also runs on PGlite).
-- Every record has: id (<= 36 chars of [A-Za-z0-9_-]), created_at, updated_at, version (optimistic
-- concurrency) and deleted_at (records are never hard-deleted). These common columns are added to every
-- table at the end of this file. Dates are `date`; an instant is `timestamptz`.
-- Comments name the SSD item ref (data-to-insight/ssd-data-model v1.4.5) where a column has one.

-- ===================================================================== workforce
CREATE TABLE team (                                   -- ssd_department
  id varchar(36) PRIMARY KEY,                         -- dept_team_id
  name text NOT NULL,                                 -- dept_team_name
  parent_id varchar(36) REFERENCES team(id),          -- dept_team_parent_id
  service_area text,                                  -- e.g. front door, assessment, CIN/CP, children in care, care leavers
  caseload_target integer CHECK (caseload_target > 0)
);

CREATE TABLE professional (                           -- ssd_professionals
  id varchar(36) PRIMARY KEY,                         -- prof_professional_id
  staff_id text,                                      -- prof_staff_id
  name text NOT NULL,                                 -- prof_professional_name
  job_title text,                                     -- prof_professional_job_title
  swe_registration_no text,                           -- prof_social_worker_registration_no (Social Work England)
  agency boolean NOT NULL DEFAULT false,              -- prof_agency_worker_flag
  fte numeric(4,2) CHECK (fte > 0 AND fte <= 1.5),    -- prof_full_time_equivalency
  team_id varchar(36) REFERENCES team(id),            -- prof_professional_department
  case_holding boolean NOT NULL DEFAULT true,
  start_date date,
  end_date date,                                      -- left the council
  leaving_reason text,
  CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
);
CREATE TABLE team_manager (                           -- who manages a team (oversight, approvals)
  id varchar(36) PRIMARY KEY,
  team_id varchar(36) NOT NULL REFERENCES team(id),
  professional_id varchar(36) NOT NULL REFERENCES professional(id),
  start_date date NOT NULL,
  end_date date
);

-- ===================================================================== people
CREATE TABLE person (                                 -- ssd_person
  id varchar(36) PRIMARY KEY,                         -- pers_person_id (CIN LAchildID)
  legacy_id text,                                     -- pers_legacy_id
  person_type text NOT NULL DEFAULT 'child' CHECK (person_type IN ('child', 'adult')),
  forename text,                                      -- pers_forename
  surname text,                                       -- pers_surname
  preferred_name text,
  upn varchar(13),                                    -- pers_upn (with check letter)
  former_upn varchar(13),
  upn_unknown varchar(6),                             -- pers_upn_unknown UN1-UN7
  sex char(1) CHECK (sex IN ('M', 'F', 'U')),         -- pers_sex (CIN 2025/26 Sex; 903 SEX)
  gender text,                                        -- pers_gender
  ethnicity varchar(4),                               -- pers_ethnicity (DfE code: WBRI ... NOBT, REFU)
  dob date,                                           -- pers_dob
  expected_dob date,                                  -- pers_expected_dob
  death_date date,                                    -- pers_death_date
  nhs_number varchar(10),                             -- pers_single_unique_id
  nationality text,                                   -- pers_nationality
  restricted boolean NOT NULL DEFAULT false,          -- visible only to named users (access rules)
  CHECK (upn IS NULL OR upn ~ '^[A-Z][0-9]{12}$'),
  CHECK (death_date IS NULL OR dob IS NULL OR death_date >= dob)
);
CREATE INDEX person_surname_idx ON person (lower(surname));
CREATE INDEX person_dob_idx ON person (dob);

CREATE TABLE relationship (                           -- household and family links
  id varchar(36) PRIMARY KEY,
  person_id varchar(36) NOT NULL REFERENCES person(id),
  related_person_id varchar(36) NOT NULL REFERENCES person(id),
  relationship text NOT NULL CHECK (relationship IN ('mother', 'father', 'parent', 'step_parent', 'sibling', 'half_sibling',
    'grandparent', 'aunt_uncle', 'other_relative', 'carer', 'partner_of_parent', 'household_member', 'child')),
  lives_with boolean NOT NULL DEFAULT false,
  parental_responsibility boolean NOT NULL DEFAULT false,
  start_date date,
  end_date date,
  CHECK (person_id <> related_person_id)
);
CREATE INDEX relationship_person_idx ON relationship (person_id);
CREATE INDEX relationship_related_idx ON relationship (related_person_id);

CREATE TABLE family (                                 -- ssd_family
  id varchar(36) PRIMARY KEY,                         -- fami_table_id
  family_id varchar(36) NOT NULL,                     -- fami_family_id
  person_id varchar(36) NOT NULL REFERENCES person(id)
);

CREATE TABLE address (                                -- ssd_address
  id varchar(36) PRIMARY KEY,
  person_id varchar(36) NOT NULL REFERENCES person(id),
  address_type text,
  start_date date,                                    -- addr_address_start_date
  end_date date,                                      -- addr_address_end_date
  postcode varchar(8),                                -- addr_address_postcode (903 HOME_POST)
  line1 text,
  town text,
  uprn text
);
CREATE INDEX address_person_idx ON address (person_id);

CREATE TABLE disability (                             -- ssd_disability
  id varchar(36) PRIMARY KEY,
  person_id varchar(36) NOT NULL REFERENCES person(id),
  code varchar(6) NOT NULL                            -- disa_disability_code (CIN Disability)
);

CREATE TABLE immigration_status (                     -- ssd_immigration_status
  id varchar(36) PRIMARY KEY,
  person_id varchar(36) NOT NULL REFERENCES person(id),
  status text NOT NULL,                               -- immi_immigration_status (UASC = 'UASC')
  start_date date,
  end_date date
);

CREATE TABLE linked_identifier (                      -- ssd_linked_identifiers
  id varchar(36) PRIMARY KEY,
  person_id varchar(36) NOT NULL REFERENCES person(id),
  identifier_type text NOT NULL,
  identifier_value text NOT NULL,
  valid_from date,
  valid_to date
);

-- ===================================================================== front door
CREATE TABLE contact (                                -- ssd_contacts (one row per child; a contact about several children shares contact_group_id)
  id varchar(36) PRIMARY KEY,                         -- cont_contact_id
  contact_group_id varchar(36),
  person_id varchar(36) NOT NULL REFERENCES person(id), -- cont_person_id
  contact_date date NOT NULL,                         -- cont_contact_date (CIN ContactDate)
  contact_time time,
  source_code varchar(3),                             -- cont_contact_source_code (DfE referral source codes)
  source_desc text,                                   -- cont_contact_source_desc
  reason text,
  referrer_name text,
  referrer_organisation text,
  decision_date date,
  decided_by varchar(36) REFERENCES professional(id),
  outcome text CHECK (outcome IN ('nfa', 'advice', 'early_help', 'referral', 'strategy_discussion')),
  rationale text,
  outcome_json jsonb,                                 -- cont_contact_outcome_json (as imported)
  manager_review_by varchar(36) REFERENCES professional(id),
  manager_review_date date,
  manager_review_note text,
  CHECK (decision_date IS NULL OR decision_date >= contact_date),
  CHECK (outcome IS NULL OR decision_date IS NOT NULL)
);
CREATE INDEX contact_person_idx ON contact (person_id, contact_date);
CREATE INDEX contact_date_idx ON contact (contact_date);

CREATE TABLE early_help_episode (                     -- ssd_early_help_episodes
  id varchar(36) PRIMARY KEY,                         -- earl_episode_id
  person_id varchar(36) NOT NULL REFERENCES person(id),
  start_date date NOT NULL,                           -- earl_episode_start_date
  end_date date,                                      -- earl_episode_end_date
  reason text,                                        -- earl_episode_reason
  end_reason text,                                    -- earl_episode_end_reason
  organisation text,                                  -- earl_episode_organisation
  worker_id varchar(36) REFERENCES professional(id),  -- earl_episode_worker_id
  contact_id varchar(36) REFERENCES contact(id),
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX early_help_person_idx ON early_help_episode (person_id);

-- ===================================================================== children in need
CREATE TABLE cin_episode (                            -- ssd_cin_episodes: the referral is the episode (hub key)
  id varchar(36) PRIMARY KEY,                         -- cine_referral_id
  person_id varchar(36) NOT NULL REFERENCES person(id), -- cine_person_id
  contact_id varchar(36) REFERENCES contact(id),
  referral_date date NOT NULL,                        -- cine_referral_date (CIN CINreferralDate)
  source_code varchar(3),                             -- cine_referral_source_code (CIN ReferralSource)
  source_desc text,                                   -- cine_referral_source_desc
  primary_need_code varchar(2),                       -- cine_cin_primary_need_code (N0-N9)
  referral_nfa boolean NOT NULL DEFAULT false,        -- cine_referral_nfa (CIN ReferralNFA)
  outcome_json jsonb,                                 -- cine_referral_outcome_json
  close_date date,                                    -- cine_close_date (CIN CINclosureDate)
  close_reason varchar(3) CHECK (close_reason ~ '^RC[1-9]$'), -- cine_close_reason (CIN ReasonForClosure)
  closure_authorised_by varchar(36) REFERENCES professional(id),
  closure_authorised_date date,
  step_down_to_early_help boolean NOT NULL DEFAULT false,
  team_id varchar(36) REFERENCES team(id),            -- cine_referral_team
  worker_id varchar(36) REFERENCES professional(id),  -- cine_referral_worker_id
  CHECK (close_date IS NULL OR close_date >= referral_date),
  CHECK ((close_date IS NULL) = (close_reason IS NULL))
);
CREATE INDEX cin_episode_person_idx ON cin_episode (person_id, referral_date);
CREATE INDEX cin_episode_date_idx ON cin_episode (referral_date);

CREATE TABLE assessment (                             -- ssd_cin_assessments + ssd_assessment_factors
  id varchar(36) PRIMARY KEY,                         -- cina_assessment_id
  cin_episode_id varchar(36) NOT NULL REFERENCES cin_episode(id), -- cina_referral_id
  person_id varchar(36) NOT NULL REFERENCES person(id), -- cina_person_id
  start_date date,                                    -- cina_assessment_start_date (CIN AssessmentActualStartDate)
  child_seen boolean,                                 -- cina_assessment_child_seen
  child_seen_date date,
  factors text[] NOT NULL DEFAULT '{}',               -- cinf_assessment_factors_json (CIN AssessmentFactors)
  analysis text,
  completed_date date,                                -- submitted for authorisation
  authorised_date date,                               -- cina_assessment_auth_date (CIN AssessmentAuthorisationDate)
  authorised_by varchar(36) REFERENCES professional(id),
  outcome_nfa boolean,                                -- cina_assessment_outcome_nfa
  outcome_json jsonb,                                 -- cina_assessment_outcome_json
  team_id varchar(36) REFERENCES team(id),            -- cina_assessment_team
  worker_id varchar(36) REFERENCES professional(id),  -- cina_assessment_worker_id
  CHECK (authorised_date IS NULL OR start_date IS NULL OR authorised_date >= start_date)
);
CREATE INDEX assessment_episode_idx ON assessment (cin_episode_id);
CREATE INDEX assessment_auth_idx ON assessment (authorised_date);

CREATE TABLE cin_plan (                               -- ssd_cin_plans
  id varchar(36) PRIMARY KEY,                         -- cinp_cin_plan_id
  cin_episode_id varchar(36) NOT NULL REFERENCES cin_episode(id), -- cinp_referral_id
  person_id varchar(36) NOT NULL REFERENCES person(id),
  start_date date NOT NULL,                           -- cinp_cin_plan_start_date (CIN CINPlanStartDate)
  end_date date,                                      -- cinp_cin_plan_end_date (CIN CINPlanEndDate)
  team_id varchar(36) REFERENCES team(id),            -- cinp_cin_plan_team
  worker_id varchar(36) REFERENCES professional(id),  -- cinp_cin_plan_worker_id
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX cin_plan_episode_idx ON cin_plan (cin_episode_id);

CREATE TABLE cin_plan_review (
  id varchar(36) PRIMARY KEY,
  cin_plan_id varchar(36) NOT NULL REFERENCES cin_plan(id),
  person_id varchar(36) NOT NULL REFERENCES person(id),
  review_date date NOT NULL,
  outcome text
);

-- ===================================================================== child protection
CREATE TABLE strategy_discussion (
  id varchar(36) PRIMARY KEY,
  cin_episode_id varchar(36) NOT NULL REFERENCES cin_episode(id),
  person_id varchar(36) NOT NULL REFERENCES person(id),
  discussion_date date NOT NULL,
  attendees text,
  s47_required boolean,
  rationale text,
  chaired_by varchar(36) REFERENCES professional(id)
);

CREATE TABLE s47_enquiry (                            -- ssd_s47_enquiry
  id varchar(36) PRIMARY KEY,                         -- s47e_s47_enquiry_id
  cin_episode_id varchar(36) NOT NULL REFERENCES cin_episode(id), -- s47e_referral_id
  person_id varchar(36) NOT NULL REFERENCES person(id),
  strategy_discussion_id varchar(36) REFERENCES strategy_discussion(id),
  start_date date,                                    -- s47e_s47_start_date (CIN S47ActualStartDate)
  end_date date,                                      -- s47e_s47_end_date
  outcome_nfa boolean,                                -- s47e_s47_nfa
  icpc_required boolean,                              -- from s47e_s47_outcome_json CP_CONFERENCE_FLAG (CIN ICPCnotRequired = not this)
  outcome_json jsonb,                                 -- s47e_s47_outcome_json
  team_id varchar(36) REFERENCES team(id),            -- s47e_s47_completed_by_team
  worker_id varchar(36) REFERENCES professional(id),  -- s47e_s47_completed_by_worker_id
  CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
);
CREATE INDEX s47_episode_idx ON s47_enquiry (cin_episode_id);
CREATE INDEX s47_start_idx ON s47_enquiry (start_date);

CREATE TABLE icpc (                                   -- ssd_initial_cp_conference
  id varchar(36) PRIMARY KEY,                         -- icpc_icpc_id
  meeting_id text,                                    -- icpc_icpc_meeting_id
  s47_enquiry_id varchar(36) REFERENCES s47_enquiry(id), -- icpc_s47_enquiry_id
  cin_episode_id varchar(36) NOT NULL REFERENCES cin_episode(id), -- icpc_referral_id
  person_id varchar(36) NOT NULL REFERENCES person(id),
  transfer_in boolean NOT NULL DEFAULT false,         -- icpc_icpc_transfer_in
  target_date date,                                   -- icpc_icpc_target_date (CIN InitialCPCtarget; Tiller derives it, imports keep it)
  conference_date date,                               -- icpc_icpc_date (CIN DateOfInitialCPC)
  outcome_cp_plan boolean,                            -- icpc_icpc_outcome_cp_flag
  outcome_json jsonb,                                 -- icpc_icpc_outcome_json
  team_id varchar(36) REFERENCES team(id),            -- icpc_icpc_team
  worker_id varchar(36) REFERENCES professional(id),  -- icpc_icpc_worker_id
  chair_id varchar(36) REFERENCES professional(id)
);
CREATE INDEX icpc_episode_idx ON icpc (cin_episode_id);
CREATE INDEX icpc_date_idx ON icpc (conference_date);

CREATE TABLE cp_plan (                                -- ssd_cp_plans
  id varchar(36) PRIMARY KEY,                         -- cppl_cp_plan_id
  cin_episode_id varchar(36) NOT NULL REFERENCES cin_episode(id), -- cppl_referral_id
  icpc_id varchar(36) REFERENCES icpc(id),            -- cppl_icpc_id
  person_id varchar(36) NOT NULL REFERENCES person(id),
  start_date date NOT NULL,                           -- cppl_cp_plan_start_date (CIN CPPstartDate)
  end_date date,                                      -- cppl_cp_plan_end_date (CIN CPPendDate)
  other_la boolean NOT NULL DEFAULT false,            -- cppl_cp_plan_ola (another authority's plan recorded here)
  initial_category varchar(3) CHECK (initial_category IN ('NEG', 'PHY', 'SAB', 'EMO', 'MUL')), -- cppl_cp_plan_initial_category
  latest_category varchar(3) CHECK (latest_category IN ('NEG', 'PHY', 'SAB', 'EMO', 'MUL')),   -- cppl_cp_plan_latest_category
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX cp_plan_person_idx ON cp_plan (person_id, start_date);
CREATE INDEX cp_plan_episode_idx ON cp_plan (cin_episode_id);

CREATE TABLE cp_review (                              -- ssd_cp_reviews (review conferences)
  id varchar(36) PRIMARY KEY,                         -- cppr_cp_review_id
  cp_plan_id varchar(36) NOT NULL REFERENCES cp_plan(id), -- cppr_cp_plan_id
  person_id varchar(36) NOT NULL REFERENCES person(id),
  due_date date,                                      -- cppr_cp_review_due
  review_date date,                                   -- cppr_cp_review_date (CIN CPPreviewDate)
  meeting_id text,                                    -- cppr_cp_review_meeting_id
  continue_plan boolean,                              -- cppr_cp_review_outcome_continue_cp
  quorate boolean,                                    -- cppr_cp_review_quorate
  participation text,                                 -- cppr_cp_review_participation
  chair_id varchar(36) REFERENCES professional(id)
);
CREATE INDEX cp_review_plan_idx ON cp_review (cp_plan_id);

CREATE TABLE core_group_meeting (
  id varchar(36) PRIMARY KEY,
  cp_plan_id varchar(36) NOT NULL REFERENCES cp_plan(id),
  person_id varchar(36) NOT NULL REFERENCES person(id),
  meeting_date date NOT NULL,
  notes text
);

-- ===================================================================== children in care
CREATE TABLE period_of_care (                         -- a continuous period looked after (clae_cla_id)
  id varchar(36) PRIMARY KEY,                         -- clae_cla_id
  person_id varchar(36) NOT NULL REFERENCES person(id),
  cin_episode_id varchar(36) REFERENCES cin_episode(id), -- clae_referral_id
  start_date date NOT NULL,                           -- clae_entered_care_date
  end_date date,
  primary_need_code varchar(2),                       -- clae_cla_primary_need_code (903 CIN)
  home_postcode varchar(8),                           -- 903 HOME_POST
  care_plan text,
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX period_of_care_person_idx ON period_of_care (person_id, start_date);

CREATE TABLE legal_status (                           -- ssd_legal_status
  id varchar(36) PRIMARY KEY,                         -- lega_legal_status_id
  person_id varchar(36) NOT NULL REFERENCES person(id),
  period_of_care_id varchar(36) REFERENCES period_of_care(id),
  code varchar(2) NOT NULL CHECK (code IN ('C1', 'C2', 'D1', 'E1', 'J1', 'J2', 'J3', 'L1', 'L2', 'L3', 'V2', 'V3', 'V4')), -- lega_legal_status (903 LS)
  start_date date NOT NULL,                           -- lega_legal_status_start_date
  end_date date,                                      -- lega_legal_status_end_date
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX legal_status_person_idx ON legal_status (person_id, start_date);

CREATE TABLE placement (                              -- ssd_cla_placement
  id varchar(36) PRIMARY KEY,                         -- clap_cla_placement_id
  period_of_care_id varchar(36) NOT NULL REFERENCES period_of_care(id), -- clap_cla_id
  person_id varchar(36) NOT NULL REFERENCES person(id), -- clap_person_id
  start_date date NOT NULL,                           -- clap_cla_placement_start_date
  end_date date,                                      -- clap_cla_placement_end_date
  placement_type varchar(2) NOT NULL,                 -- clap_cla_placement_type (903 PLACE)
  provider varchar(3) CHECK (provider ~ '^PR[0-5]$'), -- clap_cla_placement_provider (903 PLACE_PROVIDER)
  urn varchar(8),                                     -- clap_cla_placement_urn (903 URN; 'XXXXXXX' when none)
  postcode varchar(8),                                -- clap_cla_placement_postcode (903 PL_POST)
  distance_miles numeric(6,1),                        -- clap_cla_placement_distance
  in_area boolean,
  provider_name text,
  carer_id varchar(36) REFERENCES person(id),
  long_term_to_18 boolean NOT NULL DEFAULT false,     -- matched long-term foster placement (reg 28 variant)
  change_reason varchar(6),                           -- clap_cla_placement_change_reason (903 REASON_PLACE_CHANGE)
  unregistered boolean NOT NULL DEFAULT false,
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX placement_period_idx ON placement (period_of_care_id, start_date);
CREATE INDEX placement_person_idx ON placement (person_id, start_date);

CREATE TABLE cla_episode (                            -- ssd_cla_episodes: 903 episode rows (a change of placement or legal status starts a new one)
  id varchar(36) PRIMARY KEY,                         -- clae_cla_episode_id
  period_of_care_id varchar(36) NOT NULL REFERENCES period_of_care(id), -- clae_cla_id
  person_id varchar(36) NOT NULL REFERENCES person(id),
  placement_id varchar(36) REFERENCES placement(id),  -- clae_cla_placement_id
  start_date date NOT NULL,                           -- clae_cla_episode_start_date (903 DECOM)
  start_reason varchar(1) CHECK (start_reason IN ('S', 'P', 'L', 'T', 'U', 'B')), -- clae_cla_episode_start_reason (903 RNE)
  legal_status varchar(2),                            -- 903 LS
  primary_need_code varchar(2),                       -- clae_cla_primary_need_code (903 CIN)
  placement_type varchar(2),                          -- 903 PLACE
  provider varchar(3),                                -- 903 PLACE_PROVIDER
  end_date date,                                      -- clae_cla_episode_ceased_date (903 DEC)
  end_reason varchar(3),                              -- clae_cla_episode_ceased_reason (903 REC)
  reason_place_change varchar(6),                     -- 903 REASON_PLACE_CHANGE
  home_postcode varchar(8),                           -- 903 HOME_POST
  placement_postcode varchar(8),                      -- 903 PL_POST
  urn varchar(8),                                     -- 903 URN
  cin_episode_id varchar(36) REFERENCES cin_episode(id), -- clae_referral_id
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX cla_episode_period_idx ON cla_episode (period_of_care_id, start_date);

CREATE TABLE cla_review (                             -- ssd_cla_reviews
  id varchar(36) PRIMARY KEY,                         -- clar_cla_review_id
  period_of_care_id varchar(36) NOT NULL REFERENCES period_of_care(id), -- clar_cla_id
  person_id varchar(36) NOT NULL REFERENCES person(id), -- clar_cla_person_id
  due_date date,                                      -- clar_cla_review_due_date
  review_date date,                                   -- clar_cla_review_date (903 REVIEW)
  cancelled boolean NOT NULL DEFAULT false,           -- clar_cla_review_cancelled
  participation varchar(3) CHECK (participation ~ '^PN[0-7]$'), -- clar_cla_review_participation (903 REVIEW_CODE)
  iro_id varchar(36) REFERENCES professional(id),
  permanence_plan_reviewed boolean
);
CREATE INDEX cla_review_period_idx ON cla_review (period_of_care_id);

CREATE TABLE visit (                                  -- ssd_cin_visits, ssd_cp_visits, ssd_cla_visits in one table
  id varchar(36) PRIMARY KEY,                         -- cinv_cin_visit_id / cppv_cp_visit_id / clav_cla_visit_id
  visit_type text NOT NULL CHECK (visit_type IN ('cin', 'cp', 'cla')),
  person_id varchar(36) NOT NULL REFERENCES person(id),
  cin_plan_id varchar(36) REFERENCES cin_plan(id),
  cp_plan_id varchar(36) REFERENCES cp_plan(id),      -- cppv_cp_plan_id
  period_of_care_id varchar(36) REFERENCES period_of_care(id), -- clav_cla_id
  visit_date date NOT NULL,                           -- *_visit_date
  seen boolean,                                       -- *_visit_seen
  seen_alone boolean,                                 -- *_visit_seen_alone
  seen_bedroom boolean,                               -- *_visit_bedroom
  worker_id varchar(36) REFERENCES professional(id),
  notes text,
  CHECK (visit_type = 'cin' OR cin_plan_id IS NULL),
  CHECK (visit_type <> 'cp' OR cp_plan_id IS NOT NULL),
  CHECK (visit_type <> 'cla' OR period_of_care_id IS NOT NULL)
);
CREATE INDEX visit_person_idx ON visit (person_id, visit_date);

CREATE TABLE iro_contact (                            -- clae_cla_last_iro_contact_date
  id varchar(36) PRIMARY KEY,
  person_id varchar(36) NOT NULL REFERENCES person(id),
  period_of_care_id varchar(36) REFERENCES period_of_care(id),
  iro_id varchar(36) REFERENCES professional(id),
  contact_date date NOT NULL
);

CREATE TABLE health_check (                           -- ssd_cla_health
  id varchar(36) PRIMARY KEY,                         -- clah_health_check_id
  person_id varchar(36) NOT NULL REFERENCES person(id),
  check_type text NOT NULL CHECK (check_type IN ('initial_health_assessment', 'review_health_assessment', 'dental', 'optician')), -- clah_health_check_type
  check_date date NOT NULL,                           -- clah_health_check_date
  status text                                         -- clah_health_check_status
);
CREATE INDEX health_check_person_idx ON health_check (person_id, check_date);

CREATE TABLE immunisation (                           -- ssd_cla_immunisations
  id varchar(36) PRIMARY KEY,
  person_id varchar(36) NOT NULL REFERENCES person(id),
  up_to_date boolean NOT NULL,                        -- clai_immunisations_status
  status_date date                                    -- clai_immunisations_status_date
);

CREATE TABLE sdq_score (                              -- ssd_sdq_scores
  id varchar(36) PRIMARY KEY,
  person_id varchar(36) NOT NULL REFERENCES person(id),
  completed_date date,                                -- csdq_sdq_completed_date
  score integer CHECK (score BETWEEN 0 AND 40),       -- csdq_sdq_score (903 SDQ_SCORE)
  reason varchar(4)                                   -- csdq_sdq_reason (903 SDQ_REASON SDQ1-SDQ5)
);

CREATE TABLE substance_misuse (                       -- ssd_cla_substance_misuse
  id varchar(36) PRIMARY KEY,
  person_id varchar(36) NOT NULL REFERENCES person(id),
  identified_date date,
  substance text,
  intervention_received boolean
);

CREATE TABLE conviction (                             -- ssd_cla_convictions
  id varchar(36) PRIMARY KEY,
  person_id varchar(36) NOT NULL REFERENCES person(id),
  conviction_date date NOT NULL,
  offence text
);

CREATE TABLE missing_episode (                        -- ssd_missing
  id varchar(36) PRIMARY KEY,
  person_id varchar(36) NOT NULL REFERENCES person(id),
  episode_type text NOT NULL CHECK (episode_type IN ('MISSING', 'AWAY')), -- miss_missing_episode_type (903 MISSING)
  start_date date NOT NULL,                           -- miss_missing_episode_start_date
  end_date date,                                      -- miss_missing_episode_end_date
  rhi_offered boolean,                                -- miss_missing_rhi_offered (return-home interview)
  rhi_accepted boolean,                               -- miss_missing_rhi_accepted
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX missing_person_idx ON missing_episode (person_id);

CREATE TABLE pep (                                    -- personal education plan
  id varchar(36) PRIMARY KEY,
  person_id varchar(36) NOT NULL REFERENCES person(id),
  period_of_care_id varchar(36) REFERENCES period_of_care(id),
  pep_date date NOT NULL,
  school text,
  quality text
);

CREATE TABLE permanence_plan (                        -- ssd_cla_care_plan (lacp_cla_care_plan_json answers as a code)
  id varchar(36) PRIMARY KEY,
  person_id varchar(36) NOT NULL REFERENCES person(id),
  period_of_care_id varchar(36) REFERENCES period_of_care(id),
  start_date date NOT NULL,                           -- lacp_cla_care_plan_start_date
  end_date date,                                      -- lacp_cla_care_plan_end_date
  plan text NOT NULL CHECK (plan IN ('REMAINSUP', 'RETURN1M', 'RETURN6M', 'RETURNEV', 'LTRELFR', 'LTFOST18', 'RESPLMT', 'SUPPLIV', 'ADOPTION', 'OTHERPLN')),
  CHECK (end_date IS NULL OR end_date >= start_date)
);

CREATE TABLE previous_permanence (                    -- ssd_cla_previous_permanence
  id varchar(36) PRIMARY KEY,
  person_id varchar(36) NOT NULL REFERENCES person(id),
  option_code text,                                   -- lapp_previous_permanence_option (903 PREV_PERM)
  la text,                                            -- lapp_previous_permanence_la (903 LA_PERM)
  order_date text                                     -- lapp_previous_permanence_order_date (903 DATE_PERM; may be partial)
);

CREATE TABLE adoption (                               -- ssd_permanence (adoption, SGO, CAO)
  id varchar(36) PRIMARY KEY,                         -- perm_table_id
  person_id varchar(36) NOT NULL REFERENCES person(id),
  period_of_care_id varchar(36) REFERENCES period_of_care(id), -- perm_cla_id
  adm_decision_date date,                             -- perm_adm_decision_date (903 DATE_INT)
  ffa_decision_date date,                             -- perm_ffa_cp_decision_date
  placement_order_date date,                          -- perm_placement_order_date
  matched_date date,                                  -- perm_matched_date (903 DATE_MATCH)
  placed_date date,                                   -- perm_placed_for_adoption_date (903 DATE_PLACED)
  placed_ffa_date date,                               -- perm_placed_ffa_cp_date
  placed_foster_carer_date date,                      -- perm_placed_foster_carer_date
  adopted_by_carer boolean,                           -- perm_adopted_by_carer_flag (903 FOSTER_CARE)
  decision_reversed_date date,                        -- perm_decision_reversed_date (903 DATE_PLACED_CEASED)
  decision_reversed_reason text,                      -- perm_decision_reversed_reason (903 REASON_PLACED_CEASED)
  order_date date,                                    -- perm_permanence_order_date
  order_type text,                                    -- perm_permanence_order_type
  number_of_adopters integer,                         -- perm_number_of_adopters (903 NB_ADOPTR)
  adopter_sex text,                                   -- perm_adopter_sex (903 SEX_ADOPTR)
  adopter_legal_status text,                          -- perm_adopter_legal_status (903 LS_ADOPTR)
  part_of_sibling_group boolean,                      -- perm_part_of_sibling_group
  siblings_placed_together integer,                   -- perm_siblings_placed_together
  siblings_placed_apart integer,                      -- perm_siblings_placed_apart
  provider_urn text,                                  -- perm_placement_provider_urn
  worker_id varchar(36) REFERENCES professional(id)   -- perm_adoption_worker_id
);

-- ===================================================================== care leavers
CREATE TABLE care_leaver (                            -- ssd_care_leavers: a dated record (903 OC3 uses the latest)
  id varchar(36) PRIMARY KEY,                         -- clea_table_id
  person_id varchar(36) NOT NULL REFERENCES person(id),
  record_date date,                                   -- when this record was taken
  eligibility text,                                   -- clea_care_leaver_eligibility (relevant, former relevant, qualifying, eligible)
  in_touch text,                                      -- clea_care_leaver_in_touch (903 IN_TOUCH)
  latest_contact date,                                -- clea_care_leaver_latest_contact
  accommodation text,                                 -- clea_care_leaver_accommodation (903 ACCOM)
  accommodation_suitable text,                        -- clea_care_leaver_accom_suitable ('1'/'Suitable', '2'/'Unsuitable')
  activity text,                                      -- clea_care_leaver_activity (903 ACTIV)
  pathway_plan_review_date date,                      -- clea_pathway_plan_review_date
  personal_adviser_name text,                         -- clea_care_leaver_personal_advisor
  team_id varchar(36) REFERENCES team(id),            -- clea_care_leaver_allocated_team
  worker_id varchar(36) REFERENCES professional(id),  -- clea_care_leaver_worker_id
  staying_put boolean,
  support_requested_after_21 boolean
);
CREATE INDEX care_leaver_person_idx ON care_leaver (person_id);

CREATE TABLE pathway_plan (
  id varchar(36) PRIMARY KEY,
  person_id varchar(36) NOT NULL REFERENCES person(id),
  plan_date date NOT NULL,                            -- the plan or its review
  is_review boolean NOT NULL DEFAULT false,
  needs_assessment_date date,
  worker_id varchar(36) REFERENCES professional(id)
);
CREATE INDEX pathway_plan_person_idx ON pathway_plan (person_id, plan_date);

CREATE TABLE pa_contact (                             -- personal adviser contact
  id varchar(36) PRIMARY KEY,
  person_id varchar(36) NOT NULL REFERENCES person(id),
  contact_date date NOT NULL,
  worker_id varchar(36) REFERENCES professional(id),
  method text
);
CREATE INDEX pa_contact_person_idx ON pa_contact (person_id, contact_date);

-- ===================================================================== allocation, supervision, recording
CREATE TABLE involvement (                            -- ssd_involvements: allocations (903 SocialWorker episodes)
  id varchar(36) PRIMARY KEY,                         -- invo_involvements_id
  professional_id varchar(36) NOT NULL REFERENCES professional(id), -- invo_professional_id (903 SW_ID)
  person_id varchar(36) NOT NULL REFERENCES person(id), -- invo_person_id
  cin_episode_id varchar(36) REFERENCES cin_episode(id), -- invo_referral_id
  role text NOT NULL,                                 -- invo_professional_role_id: CW allocated social worker, 16PLUS personal adviser, IRO, ...
  team_id varchar(36) REFERENCES team(id),            -- invo_professional_team
  start_date date NOT NULL,                           -- invo_involvement_start_date (903 SW_DECOM)
  end_date date,                                      -- invo_involvement_end_date (903 SW_DEC)
  change_reason varchar(6),                           -- invo_worker_change_reason (903 SW_REASON)
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX involvement_person_idx ON involvement (person_id, start_date);
CREATE INDEX involvement_professional_idx ON involvement (professional_id);

CREATE TABLE supervision (
  id varchar(36) PRIMARY KEY,
  professional_id varchar(36) NOT NULL REFERENCES professional(id), -- the supervisee
  supervisor_id varchar(36) REFERENCES professional(id),
  supervision_date date NOT NULL,
  notes text
);
CREATE INDEX supervision_professional_idx ON supervision (professional_id, supervision_date);

CREATE TABLE case_note (                              -- append-only: an amendment is a new row that amends the earlier one
  id varchar(36) PRIMARY KEY,
  person_id varchar(36) NOT NULL REFERENCES person(id),
  cin_episode_id varchar(36) REFERENCES cin_episode(id),
  note_date date NOT NULL,
  note_type text NOT NULL DEFAULT 'case_note',
  title text,
  body text NOT NULL,
  author_id varchar(36) REFERENCES professional(id),
  amends_note_id varchar(36) REFERENCES case_note(id),
  amendment_reason text,
  CHECK ((amends_note_id IS NULL) = (amendment_reason IS NULL))
);
CREATE INDEX case_note_person_idx ON case_note (person_id, note_date);

CREATE TABLE management_oversight (
  id varchar(36) PRIMARY KEY,
  person_id varchar(36) NOT NULL REFERENCES person(id),
  cin_episode_id varchar(36) REFERENCES cin_episode(id),
  manager_id varchar(36) NOT NULL REFERENCES professional(id),
  oversight_date date NOT NULL,
  decision text NOT NULL
);
CREATE INDEX oversight_person_idx ON management_oversight (person_id);

CREATE TABLE council_setting (                        -- settings an administrator may change (visit frequencies, ...)
  id varchar(36) PRIMARY KEY,                         -- the setting's key
  value jsonb NOT NULL
);

-- ===================================================================== common columns and guards
CREATE FUNCTION tiller_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END $$;

CREATE FUNCTION tiller_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
END $$;

DO $$
DECLARE t text;
BEGIN
  FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname NOT LIKE 'kysely_%'
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

-- Case notes are never changed or removed: amendments are new rows.
CREATE TRIGGER case_note_append_only BEFORE UPDATE OR DELETE ON case_note
  FOR EACH ROW EXECUTE FUNCTION tiller_refuse_change();
