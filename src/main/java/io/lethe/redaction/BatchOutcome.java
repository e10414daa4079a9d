package io.lethe.redaction;

/**
 * What one batch changed; added to the job's counts in the same transaction. {@code ipsForgotten}:
 * transcripts whose stored IP or IPs in text the IP window removed; {@code visitorIpsForgotten}:
 * visitors whose stored IP went (by the IP window, or with their profile).
 */
public record BatchOutcome(int transcriptsRedacted, int transcriptsSkipped, int messagesRedacted, int valuesRedacted,
        int filesDestroyed, int ipsForgotten, int visitorIpsForgotten) {

    public static final BatchOutcome NONE = new BatchOutcome(0, 0, 0, 0, 0);

    public BatchOutcome(int transcriptsRedacted, int transcriptsSkipped, int messagesRedacted, int valuesRedacted,
            int filesDestroyed) {
        this(transcriptsRedacted, transcriptsSkipped, messagesRedacted, valuesRedacted, filesDestroyed, 0, 0);
    }
}
