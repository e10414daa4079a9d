package io.lethe.request;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.lethe.redaction.engine.Redactor;
import io.lethe.security.SubjectHasher;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What an erased subject was known by, as keyed hashes only (table {@code erased_value_hash}), so a
 * case note written after the erasure can still be scrubbed of it: the note closing another case
 * of the subject, or any case note naming their email, phone or visitor key. A note is cut into
 * candidates (whitespace-separated tokens without surrounding punctuation, their words, and digit
 * runs that look like phone numbers), each candidate is hashed the same way, and a candidate whose
 * hash is known becomes the placeholder.
 */
@ApplicationScoped
public class ErasedValues {
    static final String IDENTIFIER = "IDENTIFIER";
    static final String WORD = "WORD";
    /** Phones compare on their last digits: "+1 415 555 0142" and "(415) 555-0142" are one number. */
    private static final int PHONE_DIGITS = 9;
    private static final int MIN_PHONE_DIGITS = 7;
    private static final Pattern TOKEN = Pattern.compile("\\S+");
    private static final Pattern WORDS = Pattern.compile("[\\p{L}\\p{N}]+(?:['’-][\\p{L}\\p{N}]+)*");
    private static final Pattern PHONE = Pattern.compile("\\+?\\(?\\d[\\d\\s().\\-/]{5,}\\d");
    private static final String EDGE_PUNCTUATION = ".,;:!?()[]{}\"'«»“”‘’";

    private final SubjectHasher hasher;

    public ErasedValues(SubjectHasher hasher) {
        this.hasher = hasher;
    }

    /** Remembers the subject's values as hashes, in the erasure's transaction; idempotent. */
    Uni<Void> remember(SqlConnection conn, String tenantId, String subjectHash, CaseNoteScrubber.SubjectValues values) {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (String id : values.identifiers()) {
            hashes.put(textHash(id), IDENTIFIER);
        }
        for (String phone : values.phones()) {
            String digits = phone.replaceAll("\\D", "");
            if (digits.length() >= MIN_PHONE_DIGITS) {
                hashes.put(phoneHash(digits), IDENTIFIER);
            }
        }
        for (String text : values.texts()) {
            hashes.putIfAbsent(textHash(text), WORD);
            // the words of a name or form value; an email or key is whole or nothing ("example" is no one's)
            if (values.identifiers().contains(text) || text.contains("@")) {
                continue;
            }
            Matcher words = WORDS.matcher(text);
            while (words.find()) {
                String word = words.group();
                if (word.codePointCount(0, word.length()) >= 2 && word.chars().anyMatch(Character::isLetter)) {
                    hashes.putIfAbsent(textHash(word), WORD);
                }
            }
        }
        if (hashes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("""
                insert into erased_value_hash (tenant_id, subject_hash, value_hash, kind)
                select $1, $2, u.hash, u.kind from unnest($3::text[], $4::text[]) as u(hash, kind)
                on conflict (tenant_id, subject_hash, value_hash)
                do update set kind = case when excluded.kind = 'IDENTIFIER' then 'IDENTIFIER' else erased_value_hash.kind end
                """).execute(Tuple.of(tenantId, subjectHash, hashes.keySet().toArray(String[]::new),
                hashes.values().toArray(String[]::new))).replaceWithVoid();
    }

    /**
     * Scrubs a note of a case with this subject hash, in the caller's Hibernate transaction: the
     * erased values of that subject, and the identifiers of any erased subject of the tenant.
     */
    public Uni<String> scrub(String tenantId, String subjectHash, String note) {
        if (note == null || note.isBlank()) {
            return Uni.createFrom().item(note);
        }
        List<Candidate> candidates = candidates(note);
        if (candidates.isEmpty()) {
            return Uni.createFrom().item(note);
        }
        String[] hashes = candidates.stream().map(Candidate::hash).distinct().toArray(String[]::new);
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                select value_hash from erased_value_hash
                where tenant_id = ?1 and value_hash = any(?2) and (subject_hash = ?3 or kind = 'IDENTIFIER')
                """, String.class).setParameter(1, tenantId).setParameter(2, hashes).setParameter(3, subjectHash)
                .getResultList())
                .map(found -> replace(note, candidates, new HashSet<>(found)));
    }

    private record Candidate(int start, int end, String hash) {
    }

    private List<Candidate> candidates(String note) {
        List<Candidate> out = new ArrayList<>();
        Matcher tokens = TOKEN.matcher(note);
        while (tokens.find()) {
            int start = tokens.start();
            int end = tokens.end();
            while (start < end && EDGE_PUNCTUATION.indexOf(note.charAt(start)) >= 0) {
                start++;
            }
            while (end > start && EDGE_PUNCTUATION.indexOf(note.charAt(end - 1)) >= 0) {
                end--;
            }
            if (end > start) {
                out.add(new Candidate(start, end, textHash(note.substring(start, end))));
            }
        }
        Matcher words = WORDS.matcher(note);
        while (words.find()) {
            out.add(new Candidate(words.start(), words.end(), textHash(words.group())));
        }
        Matcher phones = PHONE.matcher(note);
        while (phones.find()) {
            String digits = phones.group().replaceAll("\\D", "");
            if (digits.length() >= MIN_PHONE_DIGITS) {
                out.add(new Candidate(phones.start(), phones.end(), phoneHash(digits)));
            }
        }
        return out;
    }

    /** Replaces the matched spans (overlaps merged) by the placeholder. */
    private static String replace(String note, List<Candidate> candidates, Set<String> known) {
        boolean[] erase = new boolean[note.length()];
        boolean any = false;
        for (Candidate c : candidates) {
            if (known.contains(c.hash())) {
                for (int i = c.start(); i < c.end(); i++) {
                    erase[i] = true;
                }
                any = true;
            }
        }
        if (!any) {
            return note;
        }
        StringBuilder out = new StringBuilder(note.length());
        for (int i = 0; i < note.length(); i++) {
            if (!erase[i]) {
                out.append(note.charAt(i));
            } else if (i == 0 || !erase[i - 1]) {
                out.append(Redactor.PLACEHOLDER);
            }
        }
        return out.toString();
    }

    private String textHash(String value) {
        return hasher.hash("erased-value:" + value.trim().toLowerCase(Locale.ROOT));
    }

    private String phoneHash(String digits) {
        return hasher.hash("erased-phone:" + digits.substring(Math.max(0, digits.length() - PHONE_DIGITS)));
    }
}
