-- Per-tenant row counts of transcript and visitor, so an unfiltered totalCount reads a few rows
-- instead of counting the tenant's rows. Triggers keep them in the transaction that inserts or
-- deletes the rows, whichever path does it (ingest, imports, seeds, maintenance), so a snapshot
-- always sees counters and rows agree.
--
-- One row per tenant would make every transcript start wait for the previous start's commit (a
-- row lock per tenant). Each backend adds to its own stripe instead (its pid modulo 16): sessions
-- on different stripes never wait for each other, and a transaction touches one stripe per tenant,
-- so two transactions cannot deadlock on counters. A read sums at most 16 rows.
create table tenant_counter (
    tenant_id   text not null,
    stripe      smallint not null check (stripe between 0 and 15),
    transcripts bigint not null default 0,
    visitors    bigint not null default 0,
    primary key (tenant_id, stripe)
);

create function tenant_counter_add() returns trigger language plpgsql as $$
declare
    sign bigint := case when tg_op = 'DELETE' then -1 else 1 end;
begin
    -- ordered by tenant: a statement touching several tenants locks their rows in one order
    if tg_table_name = 'transcript' then
        insert into tenant_counter as c (tenant_id, stripe, transcripts)
        select tenant_id, pg_backend_pid() % 16, sign * count(*) from changed group by tenant_id order by tenant_id
        on conflict (tenant_id, stripe) do update set transcripts = c.transcripts + excluded.transcripts;
    else
        insert into tenant_counter as c (tenant_id, stripe, visitors)
        select tenant_id, pg_backend_pid() % 16, sign * count(*) from changed group by tenant_id order by tenant_id
        on conflict (tenant_id, stripe) do update set visitors = c.visitors + excluded.visitors;
    end if;
    return null;
end
$$;

-- Statement-level with transition tables: a bulk insert costs one counter update per tenant, not
-- one per row. For INSERT ... ON CONFLICT DO UPDATE (the visitor upsert) the inserted rows alone
-- are in the insert trigger's transition table.
create trigger transcript_counted_insert after insert on transcript
    referencing new table as changed for each statement execute function tenant_counter_add();
create trigger transcript_counted_delete after delete on transcript
    referencing old table as changed for each statement execute function tenant_counter_add();
create trigger visitor_counted_insert after insert on visitor
    referencing new table as changed for each statement execute function tenant_counter_add();
create trigger visitor_counted_delete after delete on visitor
    referencing old table as changed for each statement execute function tenant_counter_add();

-- the rows already there
insert into tenant_counter (tenant_id, stripe, transcripts, visitors)
select tenant_id, 0, sum(transcripts), sum(visitors)
from (select tenant_id, count(*) as transcripts, 0 as visitors from transcript group by tenant_id
      union all
      select tenant_id, 0, count(*) from visitor group by tenant_id) counts
group by tenant_id;
