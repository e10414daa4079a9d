package io.lethe.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletionException;

import org.hibernate.HibernateException;
import org.junit.jupiter.api.Test;

import io.vertx.pgclient.PgException;

/** How failures the API tests cannot provoke on purpose are translated, without their messages. */
class ApiErrorsTest {

    @Test
    void textPostgresCannotStoreIsBadUserInput() {
        for (String state : List.of("22021", "22P05")) {
            ApiException e = ApiErrors.translate(pg(state, "invalid byte sequence for encoding \"UTF8\": 0x00"));
            assertThat(e.code()).as(state).isEqualTo("BAD_USER_INPUT");
            assertThat(e.getMessage()).contains("NUL").doesNotContain("UTF8");
        }
        // Hibernate Reactive reports the same failure as an SQLException inside its own exception
        ApiException viaHibernate = ApiErrors.translate(new CompletionException(
                new HibernateException("could not execute", new SQLException("secret@example.com", "22021"))));
        assertThat(viaHibernate.code()).isEqualTo("BAD_USER_INPUT");
        assertThat(viaHibernate.getMessage()).doesNotContain("secret");
    }

    @Test
    void otherBadInputStatesAreBadUserInput() {
        for (String state : List.of("22001", "22003", "22007", "22008", "22P02", "2201B", "54000", "54001")) {
            assertThat(ApiErrors.translate(pg(state, "value (alice@example.com) too long")).code()).as(state)
                    .isEqualTo("BAD_USER_INPUT");
        }
    }

    @Test
    void concurrencyIsConflict() {
        for (String state : List.of("40001", "40P01", "23505")) {
            assertThat(ApiErrors.translate(pg(state, "x")).code()).as(state).isEqualTo("CONFLICT");
        }
    }

    @Test
    void anUnreachableOrClosingDatabaseIsUnavailable() {
        assertThat(ApiErrors.translate(new CompletionException(new ConnectException("Connection refused: /10.0.0.5:5432"))).code())
                .isEqualTo("UNAVAILABLE");
        assertThat(ApiErrors.translate(new HibernateException(io.vertx.sqlclient.ClosedConnectionException.INSTANCE)).code())
                .isEqualTo("UNAVAILABLE");
        for (String state : List.of("08006", "08001", "57P01", "57P03", "53300")) {
            ApiException e = ApiErrors.translate(pg(state, "x"));
            assertThat(e.code()).as(state).isEqualTo("UNAVAILABLE");
        }
        assertThat(ApiErrors.unavailable().getMessage()).doesNotContain("10.0.0.5").contains("retry");
    }

    @Test
    void anythingElseIsInternalWithoutItsMessage() {
        ApiException e = ApiErrors.translate(pg("XX000", "alice@example.com"));
        assertThat(e.code()).isEqualTo("INTERNAL");
        assertThat(e.getMessage()).isEqualTo("internal error");
        assertThat(ApiErrors.translate(new IllegalStateException("alice@example.com")).getMessage()).isEqualTo("internal error");
    }

    @Test
    void forbiddenNamesTheAllowedRoles() {
        ApiException e = ApiErrors.translate(new io.quarkus.security.ForbiddenException(), List.of("privacy-admin", "agent"));
        assertThat(e.code()).isEqualTo("FORBIDDEN");
        assertThat(e.getMessage()).startsWith("this operation needs one of the roles: agent, privacy-admin");
        assertThat(ApiErrors.translate(new io.quarkus.security.ForbiddenException()).getMessage()).doesNotContain("null");
    }

    private static PgException pg(String state, String message) {
        return new PgException(message, "ERROR", state, null);
    }
}
