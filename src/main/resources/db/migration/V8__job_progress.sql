-- Job progress for dashboards: how many transcripts a job will examine (fixed when it starts, so a
-- progress bar does not move backwards) and how many it has examined so far (grows with every
-- committed batch). Jobs that ran before these columns existed get the best figure they have:
-- redacted + skipped (transcripts found already clean were not counted then).
alter table redaction_job add column transcripts_total integer;
alter table redaction_job add column transcripts_examined integer not null default 0;

update redaction_job set transcripts_examined = transcripts_redacted + transcripts_skipped
where started_at is not null;
-- a finished job examined all it ever will; a running one gets its total when it is next claimed
-- (after a crash or hand-back)
update redaction_job set transcripts_total = transcripts_examined
where started_at is not null and status in ('SUCCEEDED', 'FAILED', 'CANCELLED');
