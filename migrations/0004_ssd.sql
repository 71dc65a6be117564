-- SSD import and export (issue 7): the few SSD v1.4.5 items Tiller had nowhere to keep, so that an
-- imported extract exports again unchanged. docs/ssd.md has the whole table and column mapping.
ALTER TABLE person
  ADD COLUMN send_flag varchar(5),                    -- pers_send_flag
  ADD COLUMN is_mother boolean;                       -- pers_is_mother (903 MOTHER) as recorded; export derives it from relationships when null

ALTER TABLE address
  ADD COLUMN address_json jsonb;                      -- addr_address_json as imported (line1, town and uprn are read from it)

ALTER TABLE professional
  ADD COLUMN department text,                         -- prof_professional_department as imported (team_id is the team of that name)
  ADD COLUMN caseload integer CHECK (caseload >= 0);  -- prof_professional_caseload (cases held on the previous 30 September)

ALTER TABLE assessment
  ADD COLUMN factors_table_id varchar(48);            -- cinf_table_id of the ssd_assessment_factors row the factors came from

ALTER TABLE cla_episode
  ADD COLUMN last_iro_contact_date date;              -- clae_cla_last_iro_contact_date as imported

ALTER TABLE permanence_plan
  ADD COLUMN plan_json jsonb;                         -- lacp_cla_care_plan_json as imported (plan is the answer marked yes)

-- The export finds a conference's plan and a period of care's latest IRO contact by these.
CREATE INDEX cp_plan_icpc_idx ON cp_plan (icpc_id);
CREATE INDEX iro_contact_period_idx ON iro_contact (period_of_care_id, contact_date);
