package io.lethe.transcript;

import org.eclipse.microprofile.graphql.Input;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.NonNull;

@Input("MessageInput")
public record MessageInput(@NonNull SenderKind sender, @NonNull String body, OffsetDateTime sentAt, String senderName) {
}
