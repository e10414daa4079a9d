-- Trigram indexes that let an erasure's residue scan (the search of every text column for the
-- subject's email, phones and visitor keys) read only the rows that can hold a copy, instead of
-- every row of the tenant. pg_trgm ships with PostgreSQL (contrib) and is a trusted extension: the
-- database owner may create it.
--
-- Each index is on one expression per table: its text columns but tenant_id, in column order,
-- joined by a newline, lower-cased, with the separators of written phone numbers (space, brackets,
-- dash, dot, plus, slash) taken out, so that "020 7946 0958" is found by its digits. The scan
-- builds the same expression from the catalog; a column added to one of these tables changes it,
-- and ResidueIndexTest then fails until a migration rebuilds the index to match.
--
-- Only the tables that grow with chat volume are indexed; the case, job and export tables are
-- small and still read in full.
create extension if not exists pg_trgm;

create index message_residue_trgm on message using gin (translate(lower(
    coalesce(sender, '') || E'\n' || coalesce(sender_name, '') || E'\n' || coalesce(body, '')),
    ' ()-.+/', '') gin_trgm_ops);
create index form_field_residue_trgm on form_field using gin (translate(lower(
    coalesce(name, '') || E'\n' || coalesce(value, '')),
    ' ()-.+/', '') gin_trgm_ops);
create index visitor_residue_trgm on visitor using gin (translate(lower(
    coalesce(visitor_key, '') || E'\n' || coalesce(name, '') || E'\n' || coalesce(email, '') || E'\n'
    || coalesce(phone, '') || E'\n' || coalesce(ip_address, '')),
    ' ()-.+/', '') gin_trgm_ops);
create index transcript_residue_trgm on transcript using gin (translate(lower(
    coalesce(ip_address, '') || E'\n' || coalesce(legal_hold_reason, '')),
    ' ()-.+/', '') gin_trgm_ops);
create index consent_event_residue_trgm on consent_event using gin (translate(lower(
    coalesce(purpose, '') || E'\n' || coalesce(consent_text, '') || E'\n' || coalesce(consent_version, '')
    || E'\n' || coalesce(source, '')),
    ' ()-.+/', '') gin_trgm_ops);
create index audit_event_residue_trgm on audit_event using gin (translate(lower(
    coalesce(actor, '') || E'\n' || coalesce(action, '') || E'\n' || coalesce(target_type, '') || E'\n'
    || coalesce(target_id, '') || E'\n' || coalesce(details, '')),
    ' ()-.+/', '') gin_trgm_ops);
create index attachment_residue_trgm on attachment using gin (translate(lower(
    coalesce(file_name, '') || E'\n' || coalesce(content_type, '') || E'\n' || coalesce(sha256, '')),
    ' ()-.+/', '') gin_trgm_ops);

-- ANALYZE would sample the indexed expression (every message's text) into pg_statistic, as for the
-- personal columns in V9: a statistics target of 0 keeps it out. The planner then estimates the
-- pre-filter by its pattern alone, which still favours the index for the subject's long terms.
alter index message_residue_trgm alter column 1 set statistics 0;
alter index form_field_residue_trgm alter column 1 set statistics 0;
alter index visitor_residue_trgm alter column 1 set statistics 0;
alter index transcript_residue_trgm alter column 1 set statistics 0;
alter index consent_event_residue_trgm alter column 1 set statistics 0;
alter index audit_event_residue_trgm alter column 1 set statistics 0;
alter index attachment_residue_trgm alter column 1 set statistics 0;
