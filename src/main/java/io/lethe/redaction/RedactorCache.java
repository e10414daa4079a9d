package io.lethe.redaction;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.lethe.redaction.engine.PiiType;
import io.lethe.redaction.engine.RedactionPolicy;
import io.lethe.redaction.engine.Redactor;
import io.lethe.tenant.PrivacySettings;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * One immutable {@link Redactor} per distinct tenant policy (they are costly to build, free to share).
 * The policy itself is read from the tenant row for every batch, so a settings change applies from
 * the next batch on; the cache only saves rebuilding a redactor for a policy seen before.
 */
@ApplicationScoped
public class RedactorCache {
    /**
     * Settings can be changed at will (region lists in any order are distinct policies), so the
     * cache is bounded: the least recently used redactor goes first.
     */
    static final int MAX_REDACTORS = 64;

    private final Map<RedactionPolicy, Redactor> redactors = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<RedactionPolicy, Redactor> eldest) {
            return size() > MAX_REDACTORS;
        }
    };

    public Redactor get(RedactionPolicy policy) {
        synchronized (redactors) {
            Redactor cached = redactors.get(policy);
            if (cached != null) {
                return cached;
            }
        }
        // built outside the lock: engine threads redacting under other policies do not wait for it
        Redactor built = new Redactor(policy);
        synchronized (redactors) {
            return redactors.computeIfAbsent(policy, p -> built);
        }
    }

    int size() {
        synchronized (redactors) {
            return redactors.size();
        }
    }

    /** Reads a tenant's settings ($1 = tenant id) for {@link #policyFrom}; jobs and dry runs share it. */
    public static final String POLICY_SQL = "select " + PrivacySettings.COLUMNS + " from tenant where tenant_id = $1";

    /** The tenant's full policy (defaults when the tenant has no settings row). */
    public Uni<RedactionPolicy> policyOf(SqlConnection conn, String tenantId) {
        return conn.preparedQuery(POLICY_SQL).execute(Tuple.of(tenantId))
                .map(rows -> policyFrom(rows.size() == 0 ? null : rows.iterator().next()));
    }

    /** The policy of a {@link #POLICY_SQL} row; defaults for null (no settings row). */
    public static RedactionPolicy policyFrom(Row row) {
        return policy(row == null ? PrivacySettings.defaults() : PrivacySettings.from(row));
    }

    /**
     * The engine's policy for these settings. A stored region the phone library no longer knows (after
     * an upgrade) is left out rather than failing every job of the tenant; none left means the default.
     */
    static RedactionPolicy policy(PrivacySettings settings) {
        List<String> regions = new ArrayList<>();
        for (String region : settings.phoneRegions()) {
            if (RedactionPolicy.isSupportedRegion(region) && !regions.contains(region)) {
                regions.add(region);
            }
        }
        if (regions.isEmpty()) {
            regions = RedactionPolicy.defaults().phoneRegions();
        }
        EnumSet<PiiType> detectors = EnumSet.copyOf(RedactionPolicy.defaults().detectors());
        if (settings.detectPaymentCards()) {
            detectors.add(PiiType.PAYMENT_CARD);
        }
        return new RedactionPolicy(regions, settings.typedPlaceholders(), detectors);
    }

    /** Same placeholders, IP addresses only (the retention IP window). */
    public static RedactionPolicy ipAddressesOnly(RedactionPolicy policy) {
        return new RedactionPolicy(policy.phoneRegions(), policy.typedPlaceholders(), EnumSet.of(PiiType.IP_ADDRESS));
    }

    /** Same region and placeholders, but only the subject's known values (erasure mentions). */
    public static RedactionPolicy knownValuesOnly(RedactionPolicy policy) {
        return new RedactionPolicy(policy.phoneRegions(), policy.typedPlaceholders(), EnumSet.of(PiiType.KNOWN_VALUE));
    }
}
