-- 1. Audit log filters. Each filter of auditLog and GET /audit-log is an index scan however long the
--    log: the exact-match filters lead with (tenant_id, column) and end with seq, so a page in seq
--    order is read straight off the index; the time range has an index of its own.
create index audit_event_tenant_action_idx on audit_event (tenant_id, action, seq);
create index audit_event_tenant_actor_idx on audit_event (tenant_id, actor, seq);
create index audit_event_tenant_target_idx on audit_event (tenant_id, target_id, seq);
create index audit_event_tenant_at_idx on audit_event (tenant_id, at);

-- 2. Planner statistics without personal data. ANALYZE copies sampled values of every column into
--    pg_statistic (pg_stats.most_common_vals, histogram_bounds): visitors' emails, names, phone
--    numbers, message text. Those copies outlive a redaction and reach anyone who may read the
--    table's statistics. A statistics target of 0 makes ANALYZE skip the column; the planner then
--    uses its default selectivities, which still choose the indexes for the equality lookups on
--    these columns (tenant_id keeps its statistics). ANALYZE does not remove what it gathered
--    before, and pg_statistic is writable by superusers only; re-declaring a column's own type
--    rewrites nothing but drops the column's statistics (and recreates the indexes on it under new
--    ids, which drops an expression index's statistics too), so that is done first.
do $$
declare
    c record;
begin
    for c in
        select a.attrelid::regclass as tbl, a.attname as col, format_type(a.atttypid, a.atttypmod) as typ
        from pg_attribute a
        join (values ('visitor', 'visitor_key'), ('visitor', 'name'), ('visitor', 'email'), ('visitor', 'phone'),
                     ('visitor', 'ip_address'),
                     ('transcript', 'ip_address'), ('transcript', 'legal_hold_reason'),
                     ('message', 'body'), ('message', 'sender_name'),
                     ('form_field', 'value'),
                     ('attachment', 'file_name'), ('attachment', 'content'),
                     ('consent_event', 'consent_text'),
                     ('data_subject_request', 'subject'), ('data_subject_request', 'note'),
                     ('data_subject_request', 'resolution_note'),
                     -- the clear email of an erasure lives here while its job runs; keys are chosen by clients
                     ('redaction_job', 'subject_email'), ('redaction_job', 'idempotency_key'))
            as personal (tbl, col) on a.attrelid = to_regclass(personal.tbl) and a.attname = personal.col
        where not a.attisdropped
    loop
        execute format('alter table %s alter column %I type %s', c.tbl, c.col, c.typ);
        execute format('alter table %s alter column %I set statistics 0', c.tbl, c.col);
    end loop;
end
$$;
-- an expression index has statistics of its own for the expression: lower(email)
alter index visitor_tenant_email_idx alter column 2 set statistics 0;
