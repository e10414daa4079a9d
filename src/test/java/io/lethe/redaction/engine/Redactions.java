package io.lethe.redaction.engine;

import java.util.List;
import java.util.EnumSet;

/** Test helpers: redactors with a chosen set of detectors. */
final class Redactions {

    private Redactions() {
    }

    static Redactor only(PiiType first, PiiType... rest) {
        return only("US", first, rest);
    }

    static Redactor only(String region, PiiType first, PiiType... rest) {
        return new Redactor(new RedactionPolicy(List.of(region), false, EnumSet.of(first, rest)));
    }

    /** Redacted text with no known values. */
    static String redact(Redactor redactor, String text) {
        return redactor.redact(text, KnownValues.none()).text();
    }

    static String repeat(String unit, int length) {
        StringBuilder text = new StringBuilder(length + unit.length());
        while (text.length() < length) {
            text.append(unit);
        }
        return text.substring(0, length);
    }
}
