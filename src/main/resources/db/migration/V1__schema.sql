-- Lethe schema. Every table carries tenant_id and every key/index leads with it, so the schema
-- can be distributed by tenant (Citus) later. Timestamps are timestamptz (UTC on the wire).

create table tenant (
    tenant_id            text primary key,
    redact_after_days    integer check (redact_after_days between 1 and 3650),
    phone_region         text not null default 'US',
    typed_placeholders   boolean not null default false,
    detect_payment_cards boolean not null default false,
    processing_purposes  text not null default 'Answering visitor questions in live chat; keeping transcripts for support quality',
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now()
);

create table visitor (
    id                    uuid primary key,
    tenant_id             text not null,
    visitor_key           text not null,
    name                  text,
    email                 text,
    phone                 text,
    ip_address            text,
    first_seen_at         timestamptz not null,
    last_seen_at          timestamptz not null,
    redacted_at           timestamptz,
    processing_restricted boolean not null default false
);
-- A live visitor key is unique per tenant; erased visitors all carry '<redacted>'.
create unique index visitor_tenant_key_uq on visitor (tenant_id, visitor_key) where redacted_at is null;
create index visitor_tenant_email_idx on visitor (tenant_id, lower(email));
create index visitor_tenant_seen_idx on visitor (tenant_id, first_seen_at desc, id desc);
-- the few restricted visitors, for the anti-join that hides their transcripts from agents
create index visitor_restricted_idx on visitor (id) where processing_restricted;

create table transcript (
    id                uuid primary key,
    tenant_id         text not null,
    visitor_id        uuid not null references visitor (id),
    started_at        timestamptz not null,
    ended_at          timestamptz,
    last_activity_at  timestamptz not null,
    ip_address        text,
    next_seq          integer not null default 1,
    redacted_at       timestamptz,
    legal_hold        boolean not null default false,
    legal_hold_reason text
);
create index transcript_tenant_activity_idx on transcript (tenant_id, last_activity_at, id) where redacted_at is null;
create index transcript_tenant_started_idx on transcript (tenant_id, started_at desc, id desc);
create index transcript_tenant_visitor_idx on transcript (tenant_id, visitor_id);

create table message (
    id            uuid primary key,
    tenant_id     text not null,
    transcript_id uuid not null references transcript (id),
    seq           integer not null,
    sender        text not null check (sender in ('VISITOR', 'OPERATOR', 'BOT', 'SYSTEM')),
    sender_name   text,
    body          text not null,
    sent_at       timestamptz not null
);
create unique index message_transcript_seq_uq on message (transcript_id, seq);
create index message_tenant_transcript_idx on message (tenant_id, transcript_id);

create table form_field (
    id            uuid primary key,
    tenant_id     text not null,
    transcript_id uuid not null references transcript (id),
    position      integer not null,
    name          text not null,
    value         text not null,
    submitted_at  timestamptz not null
);
create index form_field_transcript_idx on form_field (transcript_id, position);
create index form_field_tenant_idx on form_field (tenant_id, transcript_id);

create table attachment (
    id            uuid primary key,
    tenant_id     text not null,
    transcript_id uuid not null references transcript (id),
    file_name     text not null,
    content_type  text,
    size          bigint not null,
    sha256        text,
    content       bytea,
    uploaded_at   timestamptz not null,
    destroyed_at  timestamptz
);
create index attachment_transcript_idx on attachment (transcript_id);
create index attachment_tenant_idx on attachment (tenant_id, transcript_id);

create table consent_event (
    id              uuid primary key,
    tenant_id       text not null,
    visitor_id      uuid not null references visitor (id),
    transcript_id   uuid references transcript (id),
    purpose         text not null,
    granted         boolean not null,
    consent_text    text not null,
    consent_version text not null,
    occurred_at     timestamptz not null,
    source          text not null default 'chat-widget'
);
create index consent_event_visitor_idx on consent_event (tenant_id, visitor_id, occurred_at, id);

create table data_subject_request (
    id            uuid primary key,
    tenant_id     text not null,
    type          text not null check (type in ('ACCESS', 'ERASURE', 'RECTIFICATION', 'RESTRICTION', 'OBJECTION')),
    status        text not null check (status in ('OPEN', 'IN_PROGRESS', 'COMPLETED', 'REJECTED')),
    subject       text not null,
    subject_hash  text not null,
    received_at   timestamptz not null,
    due_at        timestamptz not null,
    completed_at  timestamptz,
    note          text,
    created_by    text not null,
    created_at    timestamptz not null default now()
);
create index dsr_tenant_created_idx on data_subject_request (tenant_id, created_at desc, id desc);
create index dsr_tenant_open_due_idx on data_subject_request (tenant_id, due_at) where status in ('OPEN', 'IN_PROGRESS');

create table redaction_job (
    id                   uuid primary key,
    tenant_id            text not null,
    kind                 text not null check (kind in ('RETENTION', 'ERASURE', 'TRANSCRIPT')),
    status               text not null check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    requested_by         text not null,
    requested_at         timestamptz not null,
    started_at           timestamptz,
    finished_at          timestamptz,
    transcripts_redacted integer not null default 0,
    messages_redacted    integer not null default 0,
    values_redacted      integer not null default 0,
    files_destroyed      integer not null default 0,
    transcripts_skipped  integer not null default 0,
    attempts             integer not null default 0,
    max_attempts         integer not null default 5,
    next_attempt_at      timestamptz not null,
    error                text,
    lease_owner          text,
    lease_expires_at     timestamptz,
    cancel_requested     boolean not null default false,
    idempotency_key      text,
    -- keyed hash (HMAC-SHA256) of the erased email; the clear email lives only while the job runs
    subject_hash         text,
    subject_email        text,
    search_all           boolean not null default false,
    -- ERASURE runs MENTIONS (other transcripts naming the subject) before SUBJECT (their own)
    phase                text,
    transcript_id        uuid,
    request_id           uuid references data_subject_request (id),
    -- retention keyset position and cut-off, so a resumed sweep continues where it stopped
    cutoff_at            timestamptz,
    resume_after_at      timestamptz,
    resume_after_id      uuid
);
create unique index redaction_job_idempotency_uq on redaction_job (tenant_id, idempotency_key) where idempotency_key is not null;
-- at most one active retention sweep per tenant, whichever replica's scheduler enqueues it
create unique index redaction_job_one_active_retention_uq on redaction_job (tenant_id)
    where kind = 'RETENTION' and status in ('QUEUED', 'RUNNING');
create index redaction_job_tenant_requested_idx on redaction_job (tenant_id, requested_at desc, id desc);
create index redaction_job_claim_idx on redaction_job (next_attempt_at) where status in ('QUEUED', 'RUNNING');
create index redaction_job_request_idx on redaction_job (tenant_id, request_id);

-- Which transcripts a job has finished: makes counts exact when a crashed job is resumed.
create table redaction_job_transcript (
    tenant_id     text not null,
    job_id        uuid not null references redaction_job (id),
    transcript_id uuid not null,
    outcome       text not null check (outcome in ('REDACTED', 'SKIPPED', 'UNCHANGED')),
    processed_at  timestamptz not null default now(),
    primary key (tenant_id, job_id, transcript_id)
);

create table data_export (
    id              uuid primary key,
    tenant_id       text not null,
    format          text not null check (format in ('CSV', 'JSON')),
    -- the visitors whose data the export covers; the file itself is generated while it streams
    visitor_ids     uuid[] not null,
    transcript_count integer not null,
    requested_by    text not null,
    created_at      timestamptz not null,
    expires_at      timestamptz not null,
    request_id      uuid references data_subject_request (id)
);
create index data_export_request_idx on data_export (tenant_id, request_id);

create table audit_event (
    id          uuid primary key,
    tenant_id   text not null,
    seq         bigint not null,
    at          timestamptz not null,
    actor       text not null,
    action      text not null,
    target_type text,
    target_id   text,
    details     text,
    prev_hash   text not null,
    hash        text not null
);
create unique index audit_event_tenant_seq_uq on audit_event (tenant_id, seq);
