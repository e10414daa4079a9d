package io.lethe.redaction.engine;

import java.util.Objects;

/**
 * Outcome of redacting one text.
 *
 * @param text         the redacted text (the very same instance as the input when nothing was found)
 * @param replacements how many placeholders were inserted
 */
public record RedactionResult(String text, int replacements) {

    public RedactionResult {
        Objects.requireNonNull(text, "text");
        if (replacements < 0) {
            throw new IllegalArgumentException("replacements must be >= 0");
        }
    }

    public boolean changed() {
        return replacements > 0;
    }
}
