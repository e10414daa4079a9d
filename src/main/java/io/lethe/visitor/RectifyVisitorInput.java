package io.lethe.visitor;

import org.eclipse.microprofile.graphql.Input;

/** Omitted (null) fields stay as they are; an empty string clears the field. */
@Input("RectifyVisitorInput")
public record RectifyVisitorInput(String name, String email, String phone) {
}
