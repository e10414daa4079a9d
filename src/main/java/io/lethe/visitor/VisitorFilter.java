package io.lethe.visitor;

import org.eclipse.microprofile.graphql.Input;

@Input("VisitorFilter")
public record VisitorFilter(String email, String visitorKey) {
}
