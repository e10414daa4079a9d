package io.lethe.security;

/** Role names as they appear in the token's `groups` claim. */
public final class Roles {
    public static final String PRIVACY_ADMIN = "privacy-admin";
    public static final String AGENT = "agent";
    public static final String AUDITOR = "auditor";
    public static final String INGEST = "ingest";

    private Roles() {
    }
}
