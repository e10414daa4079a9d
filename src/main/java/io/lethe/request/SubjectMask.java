package io.lethe.request;

import java.util.regex.Pattern;

import io.lethe.redaction.engine.Redactor;

/** How a case file names its subject once the subject's data is erased. */
public final class SubjectMask {
    private SubjectMask() {
    }

    /**
     * First character + {@code ***@} + domain: "gwen.f@example.net" becomes "g***@example.net".
     * Idempotent (a masked subject masks to itself).
     */
    public static String mask(String email) {
        if (email == null || email.isEmpty()) {
            return "***";
        }
        int at = email.lastIndexOf('@');
        if (at <= 0) {
            return email.charAt(0) + "***";
        }
        return email.charAt(0) + "***@" + email.substring(at + 1);
    }

    /** Whether the subject shows nothing more than its mask (masking it again changes nothing). */
    public static boolean isMasked(String subject) {
        return subject != null && subject.equals(mask(subject));
    }

    /**
     * Replaces every occurrence of the email (any case) in free text by the placeholder: a note is
     * no place for even a partial copy of an erased subject's address.
     */
    public static String scrub(String text, String email) {
        if (text == null || email == null || email.isEmpty() || isMasked(email)) {
            return text;
        }
        return Pattern.compile(Pattern.quote(email), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                .matcher(text).replaceAll(java.util.regex.Matcher.quoteReplacement(Redactor.PLACEHOLDER));
    }
}
