package io.lethe.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

class DeadlinesTest {

    @Test
    void oneCalendarMonthClampsToTheLastDayOfShorterMonths() {
        assertThat(Deadlines.dueAt(at("2025-01-31T10:00:00Z"))).isEqualTo(at("2025-02-28T10:00:00Z"));
        assertThat(Deadlines.dueAt(at("2024-01-31T10:00:00Z"))).isEqualTo(at("2024-02-29T10:00:00Z"));
        assertThat(Deadlines.dueAt(at("2024-01-29T10:00:00Z"))).isEqualTo(at("2024-02-29T10:00:00Z"));
        assertThat(Deadlines.dueAt(at("2023-01-29T10:00:00Z"))).isEqualTo(at("2023-02-28T10:00:00Z"));
        assertThat(Deadlines.dueAt(at("2025-03-31T23:59:59Z"))).isEqualTo(at("2025-04-30T23:59:59Z"));
        assertThat(Deadlines.dueAt(at("2025-12-31T08:00:00Z"))).isEqualTo(at("2026-01-31T08:00:00Z"));
        assertThat(Deadlines.dueAt(at("2025-02-28T08:00:00Z"))).isEqualTo(at("2025-03-28T08:00:00Z"));
    }

    @Test
    void theMonthIsCountedInTheOffsetTheReceiptWasGivenIn() {
        // 31 January in Berlin is still 30 January in UTC: the local calendar date counts
        OffsetDateTime berlin = at("2025-01-31T00:30:00+01:00");
        assertThat(Deadlines.dueAt(berlin)).isEqualTo(at("2025-02-28T00:30:00+01:00"));
        assertThat(Deadlines.dueAt(berlin).toInstant()).isEqualTo(at("2025-02-27T23:30:00Z").toInstant());
    }

    @Test
    void overdueMeansOpenAndPastDue() {
        OffsetDateTime now = at("2025-03-01T00:00:00Z");
        OffsetDateTime past = at("2025-02-28T10:00:00Z");
        assertThat(Deadlines.overdue(RequestStatus.OPEN, past, now)).isTrue();
        assertThat(Deadlines.overdue(RequestStatus.IN_PROGRESS, past, now)).isTrue();
        assertThat(Deadlines.overdue(RequestStatus.COMPLETED, past, now)).isFalse();
        assertThat(Deadlines.overdue(RequestStatus.REJECTED, past, now)).isFalse();
        assertThat(Deadlines.overdue(RequestStatus.OPEN, now.plusSeconds(1), now)).isFalse();
    }

    @Test
    void maskKeepsFirstCharacterAndDomainAndIsIdempotent() {
        assertThat(SubjectMask.mask("gwen.f@example.net")).isEqualTo("g***@example.net");
        assertThat(SubjectMask.mask(SubjectMask.mask("gwen.f@example.net"))).isEqualTo("g***@example.net");
        assertThat(SubjectMask.scrub("Asked by GWEN.F@Example.net on the phone", "gwen.f@example.net"))
                .isEqualTo("Asked by <redacted> on the phone");
        assertThat(SubjectMask.scrub(null, "a@b.co")).isNull();
    }

    private static OffsetDateTime at(String text) {
        return OffsetDateTime.parse(text);
    }
}
