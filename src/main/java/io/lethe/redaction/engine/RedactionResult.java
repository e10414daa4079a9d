package io.lethe.redaction.engine;

import java.util.List;
import java.util.Objects;

/**
 * Outcome of redacting one text.
 *
 * @param text     the redacted text (the very same instance as the input when nothing was found)
 * @param replaced the type of each placeholder inserted, in text order (empty when nothing was found)
 */
public record RedactionResult(String text, List<PiiType> replaced) {

    public RedactionResult {
        Objects.requireNonNull(text, "text");
        replaced = List.copyOf(replaced);
    }

    /** How many placeholders were inserted. */
    public int replacements() {
        return replaced.size();
    }

    public boolean changed() {
        return !replaced.isEmpty();
    }
}
