package io.lethe.redaction.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Detects and replaces personal data in chat text. Immutable and thread-safe: build one per policy and share it.
 *
 * <p>Order of detection matters for the digit-based matchers: e-mail, IP and card spans are found first and
 * masked (see {@link Masking}) before phones and known phones are looked for, so "192.168.0.1" is never read as a
 * phone number and an address always wins the overlap. Spans are then merged (see {@link SpanMerger}), and parts overlapping placeholders already in the
 * text are dropped (see {@link Placeholders}), which makes {@link #redact} idempotent. Text outside the spans is
 * copied unchanged.
 */
public final class Redactor {

    public static final String PLACEHOLDER = "<redacted>";

    private final RedactionPolicy policy;
    private final EmailDetector emails;
    private final IpAddressDetector ipAddresses;
    private final PaymentCardDetector cards;
    private final PhoneDetector phones;

    public Redactor(RedactionPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.emails = policy.enabled(PiiType.EMAIL) ? new EmailDetector() : null;
        this.ipAddresses = policy.enabled(PiiType.IP_ADDRESS) ? new IpAddressDetector() : null;
        this.cards = policy.enabled(PiiType.PAYMENT_CARD) ? new PaymentCardDetector() : null;
        this.phones = policy.enabled(PiiType.PHONE) ? new PhoneDetector(policy.phoneRegions()) : null;
    }

    public RedactionPolicy policy() {
        return policy;
    }

    /** Sorted, disjoint spans of personal data in {@code text}. */
    public List<Span> detect(String text, KnownValues known) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(known, "known");
        List<Span> spans = new ArrayList<>();
        if (emails != null) {
            emails.detect(text, spans);
        }
        if (ipAddresses != null) {
            ipAddresses.detect(text, spans);
        }
        if (cards != null) {
            cards.detect(text, spans);
        }
        boolean knownValues = policy.enabled(PiiType.KNOWN_VALUE) && !known.isEmpty();
        if (phones != null || knownValues) {
            String masked = Masking.mask(text, spans);
            if (phones != null) {
                phones.detect(masked, spans);
            }
            if (knownValues) {
                known.find(text, masked, spans);
            }
        }
        if (spans.isEmpty()) {
            return List.of();
        }
        spans.sort(SpanMerger.ORDER);
        return Collections.unmodifiableList(SpanMerger.merge(Placeholders.clip(text, spans)));
    }

    /** Replaces every detected span with the placeholder; text outside the spans is kept as is. */
    public RedactionResult redact(String text, KnownValues known) {
        List<Span> spans = detect(text, known);
        if (spans.isEmpty()) {
            return new RedactionResult(text, List.of());
        }
        StringBuilder out = new StringBuilder(text.length() + 16 * spans.size());
        int copied = 0;
        for (Span span : spans) {
            out.append(text, copied, span.start()).append(placeholder(span.type()));
            copied = span.end();
        }
        out.append(text, copied, text.length());
        return new RedactionResult(out.toString(), spans.stream().map(Span::type).toList());
    }

    /** What this redactor writes for personal data of that kind: {@code <redacted>}, or typed when the policy says so. */
    public String placeholder(PiiType type) {
        return policy.typedPlaceholders() ? type.typedPlaceholder() : PLACEHOLDER;
    }

    /** Whether {@code value} is, as a whole, a placeholder of either style ({@code <redacted>}, {@code <redacted:form>}...). */
    public static boolean isPlaceholder(String value) {
        return value != null && Placeholders.isPlaceholder(value);
    }
}
