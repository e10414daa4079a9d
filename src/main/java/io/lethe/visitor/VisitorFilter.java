package io.lethe.visitor;

public record VisitorFilter(String email, String visitorKey) {
}
