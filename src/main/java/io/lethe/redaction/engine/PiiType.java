package io.lethe.redaction.engine;

/**
 * Kinds of personal data the engine recognises. Each kind has a short tag used in typed placeholders.
 *
 * <p>{@link #KNOWN_VALUE} is the detector of a visitor's known values; what it finds carries the value's own kind
 * (see {@link KnownValues.Builder}): their name is a {@link #NAME}, their visitor key a {@link #VISITOR_ID}, a form
 * value a {@link #FORM_VALUE}, their e-mail address and phone an {@link #EMAIL} and a {@link #PHONE}. No span is
 * ever of kind {@code KNOWN_VALUE}, so {@code <redacted:value>} is never written.
 */
public enum PiiType {
    EMAIL("email"),
    PHONE("phone"),
    IP_ADDRESS("ip"),
    KNOWN_VALUE("value"),
    PAYMENT_CARD("card"),
    NAME("name"),
    VISITOR_ID("id"),
    FORM_VALUE("form");

    private final String tag;

    PiiType(String tag) {
        this.tag = tag;
    }

    /** Short lower-case tag, e.g. {@code "ip"}. */
    public String tag() {
        return tag;
    }

    /** The typed placeholder for this kind, e.g. {@code "<redacted:ip>"}. */
    public String typedPlaceholder() {
        return "<redacted:" + tag + ">";
    }
}
