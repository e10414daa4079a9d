package io.lethe.receipt;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lethe.api.InternalException;
import io.lethe.db.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads what a receipt states: only from rows that keep no personal data. */
@ApplicationScoped
public class ErasureReceiptQueries {
    // the erasure's audit event is appended in the transaction that ends the job (see JobAudit)
    private static final String RECEIPT = """
            select j.id, j.request_id, j.subject_hash, j.finished_at, j.transcripts_redacted, j.messages_redacted,
                   j.form_values_redacted, j.files_destroyed, j.visitors_erased, j.export_links_revoked,
                   coalesce(j.residue_found, 0) as residue_found,
                   array(select p.transcript_id::text from pending_erasure p
                         where p.tenant_id = j.tenant_id and p.job_id = j.id order by p.transcript_id) as held,
                   (select a.hash from audit_event a
                    where a.tenant_id = j.tenant_id and a.target_id = j.id::text and a.target_type = 'RedactionJob'
                      and a.action = 'erasure.succeeded' order by a.seq desc limit 1) as audit_hash
            from redaction_job j
            where j.tenant_id = $1 and j.id = $2 and j.kind = 'ERASURE' and j.status = 'SUCCEEDED'
            """;

    private final Sql sql;

    public ErasureReceiptQueries(Sql sql) {
        this.sql = sql;
    }

    /** Unsigned; null unless the tenant has that ERASURE job and it has SUCCEEDED. */
    public Uni<ErasureReceipt> unsigned(String tenantId, UUID jobId) {
        return sql.one(RECEIPT, Tuple.of(tenantId, jobId), ErasureReceiptQueries::from);
    }

    private static ErasureReceipt from(Row row) {
        String auditHash = row.getString("audit_hash");
        if (auditHash == null) {
            throw new InternalException("the erasure's audit event is missing");
        }
        UUID request = row.getUUID("request_id");
        List<String> held = Arrays.asList(row.getArrayOfStrings("held"));
        return new ErasureReceipt(row.getUUID("id").toString(), request == null ? null : request.toString(),
                row.getString("subject_hash"), row.getOffsetDateTime("finished_at"), row.getInteger("transcripts_redacted"),
                row.getInteger("messages_redacted"), row.getInteger("form_values_redacted"),
                row.getInteger("files_destroyed"), row.getInteger("visitors_erased"),
                row.getInteger("export_links_revoked"), held, row.getInteger("residue_found"), auditHash, null);
    }
}
