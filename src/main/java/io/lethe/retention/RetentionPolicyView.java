package io.lethe.retention;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("RetentionPolicy")
public record RetentionPolicyView(
        @Description("Transcripts whose last activity (last message, else start) is older than this many days are "
                + "redacted; null = off.") Integer redactAfterDays,
        @Description("Uploaded files are destroyed this many days after the transcript's last activity (the text "
                + "stays); null = off.") Integer destroyFilesAfterDays,
        @Description("The stored IP addresses (transcript and visitor) and IP addresses in message text are redacted "
                + "this many days after the last activity; null = off.") Integer forgetIpAfterDays) {

    static final RetentionPolicyView OFF = new RetentionPolicyView(null, null, null);
}
