package io.lethe.redaction;

import java.util.List;

import io.lethe.redaction.engine.RedactionPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** TRANSCRIPT jobs: the one transcript, in a single batch. */
final class TranscriptBatches implements BatchSource {
    private final TranscriptRedactor redactor;

    TranscriptBatches(TranscriptRedactor redactor) {
        this.redactor = redactor;
    }

    @Override
    public Uni<Batch> next(SqlConnection conn, LeasedJob job, RedactionPolicy policy, int size) {
        return redactor.redactTranscripts(conn, job.id(), job.tenantId(), List.of(job.transcriptId()), policy)
                .map(o -> new Batch(o, 1, new LeasedJob.Position(null, null, null, job.transcriptId()), true));
    }

    /** The one transcript, unless its batch has committed already. */
    @Override
    public Uni<Plan> plan(SqlConnection conn, LeasedJob job) {
        return Uni.createFrom().item(new Plan(job.position(), job.position().resumeAfterId() == null ? 1 : 0));
    }
}
