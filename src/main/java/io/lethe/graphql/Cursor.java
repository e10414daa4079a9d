package io.lethe.graphql;

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
            return new Cursor(Long.parseLong(parts[1]), UUID.fromString(parts[2]));
        } catch (IllegalArgumentException e) {
            throw new BadUserInputException("`after` is not a cursor returned by this API");
        }
    }

    private static long toMicros(OffsetDateTime at) {
        Instant instant = at.toInstant();
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
    }
}
