-- Children in care: why a period of care ended (903 REC), recorded when care ceases; the 903 episodes
-- are derived from the period's placements and legal statuses (src/care/episodes.ts), never typed twice.
ALTER TABLE period_of_care ADD COLUMN end_reason varchar(3);
ALTER TABLE placement ADD COLUMN carer_name text;
