package io.lethe.redaction.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 *
 * <p>Each value has a kind, which names its typed placeholder: a name {@code <redacted:name>}, a visitor key
 * {@code <redacted:id>}, a form value {@code <redacted:form>}, an e-mail address {@code <redacted:email>}, a phone
 * {@code <redacted:phone>}. A text given under two kinds keeps the more specific one: a form value that is also the
 * visitor's e-mail address is an e-mail address.
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

    /** Collects a visitor's values with their kinds. Not thread-safe; {@link #build()} once. */
    public static final class Builder {
        private final Map<String, PiiType> folded = new LinkedHashMap<>();
        private final Set<String> digitKeys = new LinkedHashSet<>();

        private Builder() {
        }

        /**
         * A literal value of the given kind ({@link PiiType#NAME}, {@link PiiType#VISITOR_ID},
         * {@link PiiType#FORM_VALUE}, {@link PiiType#EMAIL}, {@link PiiType#IP_ADDRESS}...); null and too-short
         * values are skipped. For phones see {@link #phone}.
         */
        public Builder text(PiiType kind, String value) {
            Objects.requireNonNull(kind, "kind");
            if (kind == PiiType.KNOWN_VALUE) {
                throw new IllegalArgumentException("a known value needs its own kind");
            }
            if (value != null) {
                String stripped = value.strip();
                if (stripped.codePointCount(0, stripped.length()) >= MIN_TEXT_LENGTH) {
                    // a form value is the least specific kind: the same text as a name or e-mail keeps that kind
                    folded.merge(KnownTextMatcher.fold(stripped), kind,
                            (was, now) -> was == PiiType.FORM_VALUE ? now : was);
                }
            }
            return this;
        }

        public Builder texts(PiiType kind, Collection<String> values) {
            values.forEach(v -> text(kind, v));
            return this;
        }

        /** A phone value, matched on its digits; null values and values with too few digits are skipped. */
        public Builder phone(String value) {
            if (value != null) {
                String digits = KnownPhoneMatcher.digitsOf(value);
                if (digits.length() >= KnownPhoneMatcher.MIN_KEY_DIGITS) {
                    digitKeys.add(digits);
                }
            }
            return this;
        }

        public Builder phones(Collection<String> values) {
            values.forEach(this::phone);
            return this;
        }

        public KnownValues build() {
            if (folded.isEmpty() && digitKeys.isEmpty()) {
                return NONE;
            }
            return new KnownValues(folded.isEmpty() ? null : new KnownTextMatcher(new LinkedHashMap<>(folded)),
                    digitKeys.isEmpty() ? null : new KnownPhoneMatcher(new ArrayList<>(digitKeys)));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Values whose kinds the caller does not know (prefer {@link #builder()}): a text that is an e-mail address or
     * an IP address as a whole gets that kind, any other text is a {@link PiiType#FORM_VALUE}.
     *
     * @param texts  literal values matched case-insensitively wherever they appear as tokens (null entries and
     *               too-short values are skipped)
     * @param phones phone values matched on their digits (null entries and values with too few digits skipped)
     */
    public static KnownValues of(Collection<String> texts, Collection<String> phones) {
        Objects.requireNonNull(texts, "texts");
        Objects.requireNonNull(phones, "phones");
        Builder builder = builder();
        for (String text : texts) {
            if (text != null) {
                builder.text(kindOf(text.strip()), text);
            }
        }
        return builder.phones(phones).build();
    }

    /** An e-mail or IP address as a whole, by the engine's own detectors; otherwise a form value. */
    static PiiType kindOf(String value) {
        List<Span> spans = new ArrayList<>(1);
        new EmailDetector().detect(value, spans);
        if (spans.isEmpty()) {
            new IpAddressDetector().detect(value, spans);
        }
        return spans.size() == 1 && spans.get(0).start() == 0 && spans.get(0).end() == value.length()
                ? spans.get(0).type() : PiiType.FORM_VALUE;
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
