package io.lethe.redaction;

import java.util.List;
import java.util.UUID;

import io.lethe.redaction.engine.RedactionPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** The work of one job kind, one batch at a time, from the job's keyset position. */
interface BatchSource {

    /** Redacts the next batch of at most {@code size} transcripts inside {@code conn}'s transaction. */
    Uni<Batch> next(SqlConnection conn, LeasedJob job, RedactionPolicy policy, int size);

    /** What a batch did, where the next one starts, and whether the job is complete. */
    record Batch(BatchOutcome outcome, LeasedJob.Position next, boolean done) {
    }

    static UUID last(List<UUID> ids, UUID previous) {
        return ids.isEmpty() ? previous : ids.get(ids.size() - 1);
    }
}
