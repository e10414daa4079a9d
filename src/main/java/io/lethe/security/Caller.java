package io.lethe.security;

import java.util.Set;

/** Who is calling: the tenant every query is scoped to, the subject for audit, and the roles. */
public record Caller(String tenantId, String subject, Set<String> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    /** Agents see transcripts of visitors whose processing is restricted only if also privacy-admin. */
    public boolean seesRestricted() {
        return has(Roles.PRIVACY_ADMIN) || has(Roles.AUDITOR);
    }

    /** The actor recorded in audit events and jobs. */
    public String actor() {
        return subject;
    }
}
