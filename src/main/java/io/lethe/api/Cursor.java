package io.lethe.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * Opaque keyset cursor: the sort key of the last row of a page (a timestamp in microseconds or a
 * sequence number) and its id as tie-breaker. Clients must treat it as an opaque string.
 */
public record Cursor(long key, UUID id) {
    private static final String VERSION = "k1";
    /** PostgreSQL's earliest timestamp (4713 BC) to year 9999, in microseconds: a forged key outside fails in SQL. */
    private static final long MIN_KEY = -210_866_803_200_000_000L;
    private static final long MAX_KEY = 253_402_300_799_999_999L;

    public static Cursor of(OffsetDateTime at, UUID id) {
        return new Cursor(toMicros(at), id);
    }

    public OffsetDateTime keyAsTime() {
        return OffsetDateTime.ofInstant(Instant.EPOCH.plus(key, ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    public String encode() {
        String raw = VERSION + ":" + key + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = raw.split(":", 3);
            if (parts.length != 3 || !VERSION.equals(parts[0])) {
                throw new IllegalArgumentException();
            }
            long key = Long.parseLong(parts[1]);
            if (key < MIN_KEY || key > MAX_KEY) {
                throw new IllegalArgumentException();
            }
            return new Cursor(key, UUID.fromString(parts[2]));
        } catch (IllegalArgumentException e) {
            throw new BadUserInputException("`after` is not a cursor returned by this API");
        }
    }

    private static long toMicros(OffsetDateTime at) {
        Instant instant = at.toInstant();
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
    }
}
