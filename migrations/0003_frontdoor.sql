-- Front door: a worker's proposed decision on a contact waits here for a manager's review when the
-- child has had two or more contacts in the previous 12 months (the repeat-contact rule).
ALTER TABLE contact
  ADD COLUMN recorded_by varchar(36) REFERENCES professional(id),
  ADD COLUMN proposed_outcome text CHECK (proposed_outcome IN ('nfa', 'advice', 'early_help', 'referral', 'strategy_discussion')),
  ADD COLUMN proposed_rationale text,
  ADD COLUMN proposed_by varchar(36) REFERENCES professional(id),
  ADD COLUMN proposed_date date,
  ADD COLUMN manager_review_agreed boolean;

-- The access rules look up contacts still open by who recorded or proposed them.
CREATE INDEX contact_open_recorded_by_idx ON contact (recorded_by) WHERE outcome IS NULL;
CREATE INDEX contact_open_proposed_by_idx ON contact (proposed_by) WHERE outcome IS NULL;
