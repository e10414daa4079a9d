package io.lethe.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.lethe.api.ApiErrors;
import io.lethe.api.ApiException;
import io.lethe.api.BadUserInputException;
import io.lethe.api.InternalException;
import io.vertx.pgclient.PgException;

/** A statement cancelled by the read session's statement_timeout is the caller's to narrow, not an internal error. */
class StatementTimeoutTest {

    @Test
    void aCancelledStatementIsBadUserInput() {
        ApiException error = ApiErrors.translate(new PgException("canceling statement due to statement timeout", "ERROR",
                "57014", null));
        assertThat(error).isInstanceOf(BadUserInputException.class);
        assertThat(error.getMessage()).contains("took too long").doesNotContain("canceling statement");
    }

    @Test
    void otherDatabaseFailuresStayInternal() {
        assertThat(ApiErrors.translate(new PgException("boom", "ERROR", "XX000", null))).isInstanceOf(InternalException.class);
    }
}
