package io.lethe.transcript;

import org.eclipse.microprofile.graphql.Input;

import org.eclipse.microprofile.graphql.NonNull;

@Input("FormFieldInput")
public record FormFieldInput(@NonNull String name, @NonNull String value) {
}
