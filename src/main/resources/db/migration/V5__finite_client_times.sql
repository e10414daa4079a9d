-- Times a client may supply (or that are derived from one) stay within years 1970-9999. Before the
-- API checked the range, an instant outside PostgreSQL's timestamp range was stored as -infinity,
-- which breaks every read of the row (cursors, counts, exports) and every age comparison
-- (retention). Rows stored that way are moved to the nearest bound, then the range is enforced.

update visitor set first_seen_at = least(greatest(first_seen_at, '1970-01-01 00:00:00+00'), '9999-12-31 23:59:59.999999+00'),
                   last_seen_at = least(greatest(last_seen_at, '1970-01-01 00:00:00+00'), '9999-12-31 23:59:59.999999+00')
where first_seen_at not between '1970-01-01 00:00:00+00' and '9999-12-31 23:59:59.999999+00'
   or last_seen_at not between '1970-01-01 00:00:00+00' and '9999-12-31 23:59:59.999999+00';

update transcript set started_at = least(greatest(started_at, '1970-01-01 00:00:00+00'), '9999-12-31 23:59:59.999999+00'),
                      -- greatest() skips nulls: a chat still in progress must stay without an end
                      ended_at = case when ended_at is not null
                                      then least(greatest(ended_at, '1970-01-01 00:00:00+00'), '9999-12-31 23:59:59.999999+00') end,
                      last_activity_at = least(greatest(last_activity_at, '1970-01-01 00:00:00+00'), '9999-12-31 23:59:59.999999+00')
where started_at not between '1970-01-01 00:00:00+00' and '9999-12-31 23:59:59.999999+00'
   or ended_at not between '1970-01-01 00:00:00+00' and '9999-12-31 23:59:59.999999+00'
   or last_activity_at not between '1970-01-01 00:00:00+00' and '9999-12-31 23:59:59.999999+00';

update message set sent_at = least(greatest(sent_at, '1970-01-01 00:00:00+00'), '9999-12-31 23:59:59.999999+00')
where sent_at not between '1970-01-01 00:00:00+00' and '9999-12-31 23:59:59.999999+00';

update consent_event set occurred_at = least(greatest(occurred_at, '1970-01-01 00:00:00+00'), '9999-12-31 23:59:59.999999+00')
where occurred_at not between '1970-01-01 00:00:00+00' and '9999-12-31 23:59:59.999999+00';

-- the deadline follows the (corrected) receipt: one calendar month
update data_subject_request
set received_at = least(greatest(received_at, '1970-01-01 00:00:00+00'), '9999-11-30 23:59:59.999999+00'),
    due_at = least(greatest(received_at, '1970-01-01 00:00:00+00'), '9999-11-30 23:59:59.999999+00') + interval '1 month'
where received_at not between '1970-01-01 00:00:00+00' and '9999-11-30 23:59:59.999999+00'
   or due_at not between '1970-01-01 00:00:00+00' and '9999-12-31 23:59:59.999999+00';

-- NOT VALID + VALIDATE: checking existing rows does not block writes while it scans
alter table visitor add constraint visitor_times_in_range
    check (first_seen_at between '1970-01-01 00:00:00+00' and '9999-12-31 23:59:59.999999+00'
       and last_seen_at between '1970-01-01 00:00:00+00' and '9999-12-31 23:59:59.999999+00') not valid;
alter table transcript add constraint transcript_times_in_range
    check (started_at between '1970-01-01 00:00:00+00' and '9999-12-31 23:59:59.999999+00'
       and (ended_at is null or ended_at between '1970-01-01 00:00:00+00' and '9999-12-31 23:59:59.999999+00')
       and last_activity_at between '1970-01-01 00:00:00+00' and '9999-12-31 23:59:59.999999+00') not valid;
alter table message add constraint message_sent_at_in_range
    check (sent_at between '1970-01-01 00:00:00+00' and '9999-12-31 23:59:59.999999+00') not valid;
alter table consent_event add constraint consent_event_occurred_at_in_range
    check (occurred_at between '1970-01-01 00:00:00+00' and '9999-12-31 23:59:59.999999+00') not valid;
alter table data_subject_request add constraint data_subject_request_times_in_range
    check (received_at between '1970-01-01 00:00:00+00' and '9999-12-31 23:59:59.999999+00'
       and due_at between '1970-01-01 00:00:00+00' and '10000-01-31 23:59:59.999999+00') not valid;

alter table visitor validate constraint visitor_times_in_range;
alter table transcript validate constraint transcript_times_in_range;
alter table message validate constraint message_sent_at_in_range;
alter table consent_event validate constraint consent_event_occurred_at_in_range;
alter table data_subject_request validate constraint data_subject_request_times_in_range;
