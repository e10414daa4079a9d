package io.lethe.transcript;

import org.eclipse.microprofile.graphql.NonNull;

public record FormFieldInput(@NonNull String name, @NonNull String value) {
}
