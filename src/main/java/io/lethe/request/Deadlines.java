package io.lethe.request;

import java.time.OffsetDateTime;

/**
 * GDPR Art. 12(3): a request is answered "within one month of receipt". A calendar month in the
 * offset the receipt time was given in: Jan 31 is due Feb 28 (Feb 29 in a leap year), Mar 31 is
 * due Apr 30, Dec 31 is due Jan 31. (Extensions by two further months are an admin's decision,
 * recorded in the case note.)
 */
public final class Deadlines {
    private Deadlines() {
    }

    public static OffsetDateTime dueAt(OffsetDateTime receivedAt) {
        return receivedAt.plusMonths(1);
    }

    /** Open (OPEN or IN_PROGRESS) past its due time. */
    public static boolean overdue(RequestStatus status, OffsetDateTime dueAt, OffsetDateTime now) {
        return status.isOpen() && dueAt.isBefore(now);
    }
}
