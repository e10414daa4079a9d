-- Retention per data class. Besides whole-transcript redaction a tenant may destroy uploaded files
-- and forget IP addresses sooner; each window counts from a transcript's last activity, null = off.
alter table tenant add column destroy_files_after_days integer check (destroy_files_after_days between 1 and 3650);
alter table tenant add column forget_ip_after_days integer check (forget_ip_after_days between 1 and 3650);

-- Messages with a seq below this have had their IP addresses redacted by the IP window (0: none).
-- A transcript whose next_seq is above it has text the IP window has not seen yet (messages may be
-- appended, or imported with past times, after its IPs were forgotten).
alter table transcript add column ip_forgotten_seq integer not null default 0;

-- A RETENTION sweep fixes every window's cut-off when it first runs (cutoff_at is the redaction
-- window's), so a resumed sweep works on the same sets; counts of the IP passes.
alter table redaction_job add column files_cutoff_at timestamptz;
alter table redaction_job add column ip_cutoff_at timestamptz;
alter table redaction_job add column ips_forgotten integer not null default 0;
alter table redaction_job add column visitor_ips_forgotten integer not null default 0;

-- What each pass walks, in keyset order; a row leaves its index once the pass has dealt with it.
create index transcript_tenant_ip_pending_idx on transcript (tenant_id, last_activity_at, id)
    where redacted_at is null and ip_forgotten_seq < next_seq;
-- transcript_id included: the files pass and the dry run read only the index, never the (large) rows
create index attachment_tenant_live_idx on attachment (tenant_id, id) include (transcript_id) where destroyed_at is null;
create index visitor_tenant_ip_seen_idx on visitor (tenant_id, last_seen_at, id)
    where ip_address is not null and redacted_at is null;
-- the (few) held transcripts, for the legalHold filter
create index transcript_tenant_held_idx on transcript (tenant_id, started_at desc, id desc) where legal_hold;
