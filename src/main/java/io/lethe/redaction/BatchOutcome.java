package io.lethe.redaction;

/** What one batch changed; added to the job's counts in the same transaction. */
public record BatchOutcome(int transcriptsRedacted, int transcriptsSkipped, int messagesRedacted, int valuesRedacted,
        int filesDestroyed) {

    public static final BatchOutcome NONE = new BatchOutcome(0, 0, 0, 0, 0);
}
