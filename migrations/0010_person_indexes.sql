-- Reading one child's records: every table the child's record, chronology and clocks read by person_id gets
-- an index on it. Without them each page did a sequential scan of each of these tables (the chronology is
-- one UNION over them), which at demo scale 5 cost about half a second a page (docs/benchmarks.md, trays).
CREATE INDEX assessment_person_idx ON assessment (person_id);
CREATE INDEX strategy_discussion_person_idx ON strategy_discussion (person_id);
CREATE INDEX s47_enquiry_person_idx ON s47_enquiry (person_id);
CREATE INDEX icpc_person_idx ON icpc (person_id);
CREATE INDEX cp_review_person_idx ON cp_review (person_id);
CREATE INDEX core_group_meeting_person_idx ON core_group_meeting (person_id);
CREATE INDEX cin_plan_person_idx ON cin_plan (person_id);
CREATE INDEX cin_plan_review_person_idx ON cin_plan_review (person_id);
CREATE INDEX cla_review_person_idx ON cla_review (person_id);
CREATE INDEX pep_person_idx ON pep (person_id);
CREATE INDEX cla_episode_person_idx ON cla_episode (person_id);
CREATE INDEX iro_contact_person_idx ON iro_contact (person_id);
CREATE INDEX family_person_idx ON family (person_id);
CREATE INDEX disability_person_idx ON disability (person_id);
CREATE INDEX permanence_plan_person_idx ON permanence_plan (person_id);
CREATE INDEX sdq_score_person_idx ON sdq_score (person_id);
CREATE INDEX immunisation_person_idx ON immunisation (person_id);
-- The chronology leaves out notes that have been amended: looked up by the note they amend.
CREATE INDEX case_note_amends_idx ON case_note (amends_note_id) WHERE amends_note_id IS NOT NULL;
-- The child's summary reads the legal statuses of the period of care open now.
CREATE INDEX legal_status_period_idx ON legal_status (period_of_care_id, start_date);
