package io.lethe.redaction.engine;

import java.util.Objects;

/** A detected piece of personal data: the half-open char range {@code [start, end)} of the input text. */
public record Span(int start, int end, PiiType type) {

    public Span {
        Objects.requireNonNull(type, "type");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("invalid span [" + start + ", " + end + ")");
        }
    }

    public int length() {
        return end - start;
    }
}
