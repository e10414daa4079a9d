package io.lethe.redaction.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The values one visitor is known by (visitor key, name, e-mail, form values, phones), compiled once and reused
 * for every message of that visitor. Immutable and thread-safe.
 *
 * <p>Text values match case-insensitively as whole tokens (see {@link KnownTextMatcher}); values shorter than
 * {@value #MIN_TEXT_LENGTH} chars after trimming are ignored, because a one-letter initial would erase every
 * standalone "a" or "I" of a conversation. Two chars are kept on purpose: many real surnames and given names
 * are two letters long (Li, Wu, Ng, Al, Jo), and token matching confines the damage to identical tokens.
 *
 * <p>Phones match on their digits (see {@link KnownPhoneMatcher}) and need at least
 * {@value KnownPhoneMatcher#MIN_KEY_DIGITS} digits; shorter values would hit ordinary numbers.
 */
public final class KnownValues {

    static final int MIN_TEXT_LENGTH = 2;

    private static final KnownValues NONE = new KnownValues(null, null);

    private final KnownTextMatcher texts;
    private final KnownPhoneMatcher phones;

    private KnownValues(KnownTextMatcher texts, KnownPhoneMatcher phones) {
        this.texts = texts;
        this.phones = phones;
    }

    /**
     * @param texts  literal values matched case-insensitively wherever they appear as tokens (null entries and
     *               too-short values are skipped)
     * @param phones phone values matched on their digits (null entries and values with too few digits skipped)
     */
    public static KnownValues of(Collection<String> texts, Collection<String> phones) {
        Objects.requireNonNull(texts, "texts");
        Objects.requireNonNull(phones, "phones");
        Set<String> folded = new LinkedHashSet<>();
        for (String text : texts) {
            if (text != null) {
                String value = text.strip();
                if (value.codePointCount(0, value.length()) >= MIN_TEXT_LENGTH) {
                    folded.add(KnownTextMatcher.fold(value));
                }
            }
        }
        Set<String> digitKeys = new LinkedHashSet<>();
        for (String phone : phones) {
            if (phone != null) {
                String digits = KnownPhoneMatcher.digitsOf(phone);
                if (digits.length() >= KnownPhoneMatcher.MIN_KEY_DIGITS) {
                    digitKeys.add(digits);
                }
            }
        }
        if (folded.isEmpty() && digitKeys.isEmpty()) {
            return NONE;
        }
        return new KnownValues(folded.isEmpty() ? null : new KnownTextMatcher(folded),
                digitKeys.isEmpty() ? null : new KnownPhoneMatcher(new ArrayList<>(digitKeys)));
    }

    public static KnownValues none() {
        return NONE;
    }

    public boolean isEmpty() {
        return texts == null && phones == null;
    }

    /**
     * @param text   the text
     * @param masked the same text with address spans masked (see {@link Masking}); phones are read from it
     */
    void find(String text, String masked, List<Span> out) {
        if (texts != null) {
            texts.find(text, out);
        }
        if (phones != null) {
            phones.find(masked, out);
        }
    }
}
