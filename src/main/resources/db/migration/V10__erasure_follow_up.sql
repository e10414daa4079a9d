-- Erasure that respects legal hold and follows every copy.

-- 1. What an erasure did beyond transcripts, kept on the job so a receipt can be built from rows
--    after the data is gone. Each is added in the batch (or final) transaction that did the work,
--    so a resumed job stays exact.
alter table redaction_job add column export_links_revoked integer not null default 0;
alter table redaction_job add column visitors_erased integer not null default 0;
alter table redaction_job add column form_values_redacted integer not null default 0;
-- occurrences of the subject's email, phones or visitor keys found in any stored text by the final
-- residue scan; null until an ERASURE job has succeeded
alter table redaction_job add column residue_found integer;

-- 2. A transcript of an erasure's subject that the erasure had to keep because it is on legal hold.
--    No email: the visitor, the transcript, the subject's keyed hash and the case. Lifting the hold
--    enqueues the erasure of that transcript (erasure_job_id); the row itself stays as the record
--    of what was retained (the transcript is still retained while its redacted_at is null).
create table pending_erasure (
    tenant_id      text not null,
    job_id         uuid not null,
    transcript_id  uuid not null,
    visitor_id     uuid not null,
    subject_hash   text not null,
    request_id     uuid,
    erasure_job_id uuid,
    created_at     timestamptz not null default now(),
    primary key (tenant_id, job_id, transcript_id),
    foreign key (tenant_id, job_id) references redaction_job (tenant_id, id),
    foreign key (tenant_id, transcript_id) references transcript (tenant_id, id),
    foreign key (tenant_id, visitor_id) references visitor (tenant_id, id),
    foreign key (tenant_id, request_id) references data_subject_request (tenant_id, id)
);
create index pending_erasure_transcript_idx on pending_erasure (tenant_id, transcript_id);
create index pending_erasure_request_idx on pending_erasure (tenant_id, request_id) where request_id is not null;

-- 3. The subject's identifiers (email, phones, visitor keys) while an erasure runs, read from the
--    visitor rows before they are erased, for the residue scan of the final transaction; deleted in
--    that transaction, like redaction_job.subject_email.
create table erasure_term (
    tenant_id text not null,
    job_id    uuid not null,
    kind      text not null check (kind in ('EMAIL', 'PHONE', 'VISITOR_KEY')),
    term      text not null,
    primary key (tenant_id, job_id, kind, term),
    foreign key (tenant_id, job_id) references redaction_job (tenant_id, id)
);

-- 4. Keyed hashes (HMAC) of an erased subject's values, by the subject's keyed hash: a case note
--    written after the erasure (e.g. the note closing another case of that subject) is scrubbed of
--    them without the values being stored anywhere. IDENTIFIER (email, phone, visitor key) counts
--    in every case note of the tenant, WORD (name, form values) only in the subject's own cases.
create table erased_value_hash (
    tenant_id    text not null,
    subject_hash text not null,
    value_hash   text not null,
    kind         text not null check (kind in ('IDENTIFIER', 'WORD')),
    primary key (tenant_id, subject_hash, value_hash)
);
create index erased_value_hash_value_idx on erased_value_hash (tenant_id, value_hash);

-- 5. Download links of exports made before an erasure of their subject answer 410 afterwards.
alter table data_export add column revoked_at timestamptz;
alter table data_export add column revoked_by_job_id uuid;
-- the revocation looks for a tenant's live exports overlapping the subject's visitors
create index data_export_live_visitors_idx on data_export using gin (visitor_ids) where revoked_at is null;
