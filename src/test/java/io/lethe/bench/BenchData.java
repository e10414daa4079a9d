package io.lethe.bench;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Seeds benchmark data straight into PostgreSQL (generate_series), far faster than the API. */
@ApplicationScoped
public class BenchData {
    public static final int MESSAGES_PER_TRANSCRIPT = 20;
    private static final Duration WAIT = Duration.ofMinutes(30);

    @Inject
    Pool pool;

    /** A tenant with retention 30 days and {@code transcripts} old transcripts of 20 chat-like messages, one visitor each. */
    public void seed(String tenant, int transcripts) {
        execute("insert into tenant (tenant_id, redact_after_days) values ($1, 30)", tenant);
        execute("""
                insert into visitor (id, tenant_id, visitor_key, email, phone, first_seen_at, last_seen_at)
                select gen_random_uuid(), $1, 'vk-' || i, 'visitor' || i || '@example.com', '+1 415 555 ' || lpad((i % 10000)::text, 4, '0'),
                       now() - interval '100 days', now() - interval '100 days'
                from generate_series(1, $2) i
                """, tenant, transcripts);
        execute("""
                insert into transcript (id, tenant_id, visitor_id, started_at, last_activity_at, next_seq)
                select gen_random_uuid(), v.tenant_id, v.id, now() - interval '100 days', now() - interval '99 days', 21
                from visitor v where v.tenant_id = $1
                """, tenant);
        messages(tenant);
        execute("analyze tenant, visitor, transcript, message", null);
    }

    /**
     * A tenant with all three retention windows (redact 90 days, files 40, IPs 10) and transcripts in
     * three equal age bands, so every pass of a sweep has work: a third last active 99 days ago
     * (redacted whole), a third 50 days ago (files destroyed, IPs forgotten), a third 20 days ago (IPs
     * forgotten). Each transcript has 20 messages, one 1 KiB file and an IP, stored on it and its visitor.
     */
    public void seedWindows(String tenant, int transcripts) {
        execute("insert into tenant (tenant_id, redact_after_days, destroy_files_after_days, forget_ip_after_days)"
                + " values ($1, 90, 40, 10)", tenant);
        execute("""
                insert into visitor (id, tenant_id, visitor_key, email, phone, ip_address, first_seen_at, last_seen_at)
                select gen_random_uuid(), $1, 'vk-' || i, 'visitor' || i || '@example.com', '+1 415 555 ' || lpad((i % 10000)::text, 4, '0'),
                       '198.51.100.' || (i % 250), now() - interval '100 days',
                       now() - (array[interval '99 days', interval '50 days', interval '20 days'])[1 + i % 3]
                from generate_series(1, $2) i
                """, tenant, transcripts);
        execute("""
                insert into transcript (id, tenant_id, visitor_id, started_at, last_activity_at, next_seq, ip_address)
                select gen_random_uuid(), v.tenant_id, v.id, now() - interval '100 days', v.last_seen_at, 21, v.ip_address
                from visitor v where v.tenant_id = $1
                """, tenant);
        messages(tenant);
        execute("""
                insert into attachment (id, tenant_id, transcript_id, file_name, content_type, size, sha256, content, uploaded_at)
                select gen_random_uuid(), t.tenant_id, t.id, 'scan.pdf', 'application/pdf', 1024, repeat('0', 64),
                       decode(repeat('ab', 1024), 'hex'), t.started_at
                from transcript t where t.tenant_id = $1
                """, tenant);
        execute("analyze tenant, visitor, transcript, message, attachment", null);
    }

    /** 20 chat-like messages per transcript of the tenant: emails, phones, IPs, prices, versions, times. */
    private void messages(String tenant) {
        execute("""
                insert into message (id, tenant_id, transcript_id, seq, sender, body, sent_at)
                select gen_random_uuid(), t.tenant_id, t.id, s, case when s % 2 = 0 then 'OPERATOR' else 'VISITOR' end,
                       (array['Hi there, I have a question about my order',
                              'Sure, what is your order number?',
                              'It is order #' || (s * 7919) || ', placed on 2024-03-' || (10 + s % 18),
                              'You can reach me at ' || v.email || ' after 5pm',
                              'My number is ' || v.phone,
                              'The price shown was $' || (s * 3) || '.99 but I paid more',
                              'I am connecting from 192.0.2.' || (s * 11 % 255) || ' if that helps',
                              'Thanks, version 2.4.1 of the app crashed at 12:30:45',
                              'Let me check that for you, one moment please.',
                              'Great, that solved it. Have a nice day!'])[1 + (s % 10)],
                       t.last_activity_at
                from transcript t join visitor v on v.id = t.visitor_id, generate_series(1, 20) s
                where t.tenant_id = $1
                """, tenant);
    }

    public void execute(String sql, String tenant, Object... more) {
        Tuple args = Tuple.tuple();
        if (tenant != null) {
            args.addValue(tenant);
        }
        for (Object o : more) {
            args.addValue(o);
        }
        if (args.size() == 0) {
            pool.query(sql).execute().await().atMost(WAIT);
        } else {
            pool.preparedQuery(sql).execute(args).await().atMost(WAIT);
        }
    }

}
