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

    /**
     * Before the first batch: fixes where the job starts (e.g. RETENTION's cut-off) and counts the
     * transcripts it will examine from its current position, in the same way {@link #next} walks them.
     */
    Uni<Plan> plan(SqlConnection conn, LeasedJob job);

    /** Where the job starts and how many transcripts it will examine from there. */
    record Plan(LeasedJob.Position start, int remaining) {
    }

    /**
     * What a batch did, how many transcripts it examined (redacted, skipped or already clean),
     * where the next one starts, and whether the job is complete.
     */
    record Batch(BatchOutcome outcome, int examined, LeasedJob.Position next, boolean done) {
    }

    static UUID last(List<UUID> ids, UUID previous) {
        return ids.isEmpty() ? previous : ids.get(ids.size() - 1);
    }
}
