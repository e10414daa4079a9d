package io.lethe.redaction;

import java.util.List;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.lethe.redaction.engine.PiiType;
import io.lethe.redaction.engine.RedactionPolicy;
import io.lethe.redaction.engine.Redactor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** One immutable {@link Redactor} per distinct tenant policy (they are costly to build, free to share). */
@ApplicationScoped
public class RedactorCache {
    private final Map<RedactionPolicy, Redactor> redactors = new ConcurrentHashMap<>();

    public Redactor get(RedactionPolicy policy) {
        return redactors.computeIfAbsent(policy, Redactor::new);
    }

    /** Reads a tenant's settings ($1 = tenant id) for {@link #policyFrom}; jobs and dry runs share it. */
    public static final String POLICY_SQL = "select phone_region, typed_placeholders, detect_payment_cards from tenant"
            + " where tenant_id = $1";

    /** The tenant's full policy (defaults when the tenant has no settings row). */
    public Uni<RedactionPolicy> policyOf(SqlConnection conn, String tenantId) {
        return conn.preparedQuery(POLICY_SQL).execute(Tuple.of(tenantId))
                .map(rows -> policyFrom(rows.size() == 0 ? null : rows.iterator().next()));
    }

    /** The policy of a {@link #POLICY_SQL} row; defaults for null (no settings row). */
    public static RedactionPolicy policyFrom(Row row) {
        if (row == null) {
            return RedactionPolicy.defaults();
        }
        EnumSet<PiiType> detectors = EnumSet.copyOf(RedactionPolicy.defaults().detectors());
        if (row.getBoolean("detect_payment_cards")) {
            detectors.add(PiiType.PAYMENT_CARD);
        }
        return new RedactionPolicy(List.of(row.getString("phone_region")), row.getBoolean("typed_placeholders"),
                detectors);
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
