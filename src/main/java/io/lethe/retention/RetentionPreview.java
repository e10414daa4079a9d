package io.lethe.retention;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** What a RETENTION sweep of a policy would do now; computed without writing anything. */
@Type("RetentionPreview")
public record RetentionPreview(
        @NonNull OffsetDateTime asOf,
        @Description("Not on hold, last activity older than redactAfterDays, not yet redacted.") int transcriptsToRedact,
        @Description("Would be redacted but are on legal hold.") int transcriptsHeld,
        @Description("By destroyFilesAfterDays or by full redaction.") int filesToDestroy,
        @Description("By forgetIpAfterDays or by full redaction.") int visitorsWithIpToForget,
        @Description("The oldest last activity among the transcripts to redact.") OffsetDateTime oldestActivityAt,
        @Description("Up to 10 messages that would change: as stored now and as they would read afterwards.")
        @NonNull List<@NonNull RedactionSample> samples) {
}
