-- Keys a table distributed by tenant_id (Citus) can enforce: every primary key and unique index
-- includes tenant_id, and every foreign key pairs tenant_id with the parent's tenant_id, so a row
-- and its parent always live on the same shard (docs/scaling.md).
--
-- Primary keys are (id, tenant_id) rather than (tenant_id, id): ids are random UUIDs, so leading
-- with id keeps every lookup by id alone (Hibernate's updates by @Id, the redaction batches) an
-- index probe, while lookups by (tenant_id, id) use the same index. Foreign keys reference the
-- column set (tenant_id, id) of that key; column order does not matter to a foreign key.

-- 1. foreign keys first: they depend on the primary keys they reference
alter table transcript drop constraint transcript_visitor_id_fkey;
alter table message drop constraint message_transcript_id_fkey;
alter table form_field drop constraint form_field_transcript_id_fkey;
alter table attachment drop constraint attachment_transcript_id_fkey;
alter table consent_event drop constraint consent_event_visitor_id_fkey;
alter table consent_event drop constraint consent_event_transcript_id_fkey;
alter table redaction_job drop constraint redaction_job_request_id_fkey;
alter table redaction_job_transcript drop constraint redaction_job_transcript_job_id_fkey;
alter table data_export drop constraint data_export_request_id_fkey;

-- 2. primary keys that include the tenant
alter table visitor drop constraint visitor_pkey, add constraint visitor_pkey primary key (id, tenant_id);
alter table transcript drop constraint transcript_pkey, add constraint transcript_pkey primary key (id, tenant_id);
alter table message drop constraint message_pkey, add constraint message_pkey primary key (id, tenant_id);
alter table form_field drop constraint form_field_pkey, add constraint form_field_pkey primary key (id, tenant_id);
alter table attachment drop constraint attachment_pkey, add constraint attachment_pkey primary key (id, tenant_id);
alter table consent_event drop constraint consent_event_pkey, add constraint consent_event_pkey primary key (id, tenant_id);
alter table data_subject_request drop constraint data_subject_request_pkey,
    add constraint data_subject_request_pkey primary key (id, tenant_id);
alter table redaction_job drop constraint redaction_job_pkey, add constraint redaction_job_pkey primary key (id, tenant_id);
alter table data_export drop constraint data_export_pkey, add constraint data_export_pkey primary key (id, tenant_id);
alter table audit_event drop constraint audit_event_pkey, add constraint audit_event_pkey primary key (id, tenant_id);

-- 3. a message's seq is unique within its transcript, and so within the tenant; same leading
--    columns as before, so the plans that read a transcript's messages in seq order do not change
drop index message_transcript_seq_uq;
create unique index message_transcript_seq_uq on message (transcript_id, seq, tenant_id);

-- 4. foreign keys within the tenant
alter table transcript add constraint transcript_visitor_fkey
    foreign key (tenant_id, visitor_id) references visitor (tenant_id, id);
alter table message add constraint message_transcript_fkey
    foreign key (tenant_id, transcript_id) references transcript (tenant_id, id);
alter table form_field add constraint form_field_transcript_fkey
    foreign key (tenant_id, transcript_id) references transcript (tenant_id, id);
alter table attachment add constraint attachment_transcript_fkey
    foreign key (tenant_id, transcript_id) references transcript (tenant_id, id);
alter table consent_event add constraint consent_event_visitor_fkey
    foreign key (tenant_id, visitor_id) references visitor (tenant_id, id);
alter table consent_event add constraint consent_event_transcript_fkey
    foreign key (tenant_id, transcript_id) references transcript (tenant_id, id);
alter table redaction_job add constraint redaction_job_request_fkey
    foreign key (tenant_id, request_id) references data_subject_request (tenant_id, id);
alter table redaction_job_transcript add constraint redaction_job_transcript_job_fkey
    foreign key (tenant_id, job_id) references redaction_job (tenant_id, id);
alter table data_export add constraint data_export_request_fkey
    foreign key (tenant_id, request_id) references data_subject_request (tenant_id, id);

