package io.lethe.redaction.engine;

/** Kinds of personal data the engine recognises. Each kind has a short tag used in typed placeholders. */
public enum PiiType {
    EMAIL("email"),
    PHONE("phone"),
    IP_ADDRESS("ip"),
    KNOWN_VALUE("value"),
    PAYMENT_CARD("card");

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
