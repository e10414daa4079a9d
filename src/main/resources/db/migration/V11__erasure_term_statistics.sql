-- An erasure's search terms (the subject's email, phones, visitor keys) live in erasure_term while
-- the job runs; ANALYZE must not copy them into the planner statistics (pg_stats), which outlive
-- the rows. The table is only read by (tenant_id, job_id), which needs no statistics on term.
alter table erasure_term alter column term set statistics 0;
