package io.lethe.export;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lethe.redaction.JobFinishedHook;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * An erasure revokes the download links of every earlier export covering one of the subject's
 * visitors: afterwards they answer 410 instead of streaming what is left. Runs in each erasure
 * batch, before the batch erases the visitors; an export already revoked is not counted again, so
 * the job's count stays exact when a batch is retried.
 */
@ApplicationScoped
public class ExportRevocation implements JobFinishedHook {

    @Override
    public Uni<Void> onFinished(SqlConnection conn, FinishedJob job) {
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<CopiesRemoved> beforeErasureBatch(SqlConnection conn, ErasureSubject subject) {
        if (subject.visitorIds().isEmpty()) {
            return Uni.createFrom().item(CopiesRemoved.NONE);
        }
        return conn.preparedQuery("""
                update data_export set revoked_at = now(), revoked_by_job_id = $2
                where tenant_id = $1 and revoked_at is null and visitor_ids && $3
                """).execute(Tuple.of(subject.tenantId(), subject.jobId(), subject.visitorIds().toArray(UUID[]::new)))
                .map(rows -> new CopiesRemoved(rows.rowCount()));
    }
}
