package io.lethe.retention;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One message a sweep would change. */
@Type("RedactionSample")
public record RedactionSample(@NonNull @Id String transcriptId, int seq, @NonNull String before, @NonNull String after) {
}
