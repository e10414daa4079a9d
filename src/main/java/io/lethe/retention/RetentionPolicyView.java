package io.lethe.retention;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("RetentionPolicy")
public record RetentionPolicyView(
        @Description("Transcripts whose last activity (last message, else start) is older than this many days are "
                + "redacted; null = retention off.") Integer redactAfterDays) {
}
