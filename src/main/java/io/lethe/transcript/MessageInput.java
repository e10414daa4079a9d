package io.lethe.transcript;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.NonNull;

public record MessageInput(@NonNull SenderKind sender, @NonNull String body, OffsetDateTime sentAt, String senderName) {
}
