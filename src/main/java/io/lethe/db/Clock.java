package io.lethe.db;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Current time at PostgreSQL's precision (microseconds), so stored and returned values agree. */
public final class Clock {
    private Clock() {
    }

    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    public static OffsetDateTime micros(OffsetDateTime value) {
        return value == null ? null : value.truncatedTo(ChronoUnit.MICROS);
    }
}
