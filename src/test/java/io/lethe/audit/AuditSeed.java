package io.lethe.audit;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Writes a valid chain of audit events straight into the table (fast, with chosen times), as AuditLog would. */
final class AuditSeed {
    static final OffsetDateTime START = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final int CHUNK = 10_000;

    record Event(long seq, OffsetDateTime at, AuditEntry entry, String prevHash, String hash) {
    }

    private AuditSeed() {
    }

    /** Events 1..n; event i (1-based) is {@code entry.apply(i)} at START + i seconds (+ 123 456 µs). */
    static List<Event> seed(Pool pool, String tenant, int n, IntFunction<AuditEntry> entry) {
        List<Event> events = new ArrayList<>(n);
        String prev = AuditChain.GENESIS;
        for (int i = 1; i <= n; i++) {
            OffsetDateTime at = START.plusSeconds(i).plus(123_456, ChronoUnit.MICROS);
            AuditEntry e = entry.apply(i);
            String hash = AuditChain.hash(prev, i, at, e);
            events.add(new Event(i, at, e, prev, hash));
            prev = hash;
        }
        for (int from = 0; from < n; from += CHUNK) {
            insert(pool, tenant, events.subList(from, Math.min(n, from + CHUNK)));
        }
        return events;
    }

    private static void insert(Pool pool, String tenant, List<Event> events) {
        int size = events.size();
        UUID[] ids = new UUID[size];
        Long[] seqs = new Long[size];
        OffsetDateTime[] ats = new OffsetDateTime[size];
        String[] actors = new String[size];
        String[] actions = new String[size];
        String[] types = new String[size];
        String[] targets = new String[size];
        String[] details = new String[size];
        String[] prevs = new String[size];
        String[] hashes = new String[size];
        for (int i = 0; i < size; i++) {
            Event e = events.get(i);
            ids[i] = UUID.randomUUID();
            seqs[i] = e.seq();
            ats[i] = e.at();
            actors[i] = e.entry().actor();
            actions[i] = e.entry().action();
            types[i] = e.entry().targetType();
            targets[i] = e.entry().targetId();
            details[i] = e.entry().details();
            prevs[i] = e.prevHash();
            hashes[i] = e.hash();
        }
        pool.preparedQuery("""
                insert into audit_event (id, tenant_id, seq, at, actor, action, target_type, target_id, details, prev_hash, hash)
                select u.id, $2, u.seq, u.at, u.actor, u.action, u.target_type, u.target_id, u.details, u.prev_hash, u.hash
                from unnest($1::uuid[], $3::bigint[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::text[],
                            $9::text[], $10::text[], $11::text[])
                     as u(id, seq, at, actor, action, target_type, target_id, details, prev_hash, hash)
                """).execute(Tuple.from(Arrays.asList(ids, tenant, seqs, ats, actors, actions, types, targets, details,
                prevs, hashes))).await().atMost(Duration.ofMinutes(2));
    }
}
