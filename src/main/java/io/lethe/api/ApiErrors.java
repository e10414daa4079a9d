package io.lethe.api;

import java.util.Collection;
import java.util.Set;

import jakarta.validation.ConstraintViolationException;

import org.jboss.logging.Logger;

import io.vertx.pgclient.PgException;

/**
 * Maps any failure to an {@link ApiException}. Unknown failures become INTERNAL with a generic
 * message; only the exception type and SQL state are logged, because messages may carry PII.
 */
public final class ApiErrors {
    private static final Logger LOG = Logger.getLogger(ApiErrors.class);

    /** SQL states that mean "this value cannot be stored as given": the client's input, not our fault. */
    private static final Set<String> UNSTORABLE_TEXT = Set.of("22021", "22P05");
    private static final Set<String> TOO_LARGE = Set.of("22001", "54000", "54001", "54011", "54023");
    private static final Set<String> BAD_VALUE = Set.of("22003", "22007", "22008", "22019", "22025", "2201B", "22P02");
    /** The server is shutting down, starting, out of connections or resources: retry later. */
    private static final Set<String> SERVER_UNAVAILABLE = Set.of("57P01", "57P02", "57P03", "53000", "53100", "53200",
            "53300");

    private ApiErrors() {
    }

    public static ApiException translate(Throwable failure) {
        return translate(failure, Set.of());
    }

    /**
     * @param allowedRoles the roles the failed operation accepts (its {@code @RolesAllowed}), named
     *        in a FORBIDDEN message so the caller knows which token to use; empty when unknown
     */
    public static ApiException translate(Throwable failure, Collection<String> allowedRoles) {
        Throwable t = unwrap(failure);
        if (t instanceof ApiException api) {
            return api;
        }
        if (t instanceof ConstraintViolationException violations) {
            String message = violations.getConstraintViolations().stream()
                    .map(v -> lastNode(v.getPropertyPath().toString()) + " " + v.getMessage())
                    .sorted().reduce((a, b) -> a + "; " + b).orElse("invalid input");
            return new BadUserInputException(message);
        }
        if (t instanceof io.quarkus.security.ForbiddenException) {
            return forbidden(allowedRoles);
        }
        if (t instanceof io.quarkus.security.UnauthorizedException
                || t instanceof io.quarkus.security.AuthenticationFailedException) {
            return new UnauthenticatedException("a valid bearer token is required (header `Authorization: Bearer <token>`)");
        }
        String sqlState = sqlState(failure);
        ApiException mapped = fromSqlState(sqlState);
        if (mapped != null) {
            return mapped;
        }
        if (isConnectionFailure(failure)) {
            // only the type: a connection error's text names hosts and ports
            LOG.warnf("database unavailable: %s", unwrapConnectionFailure(failure).getClass().getName());
            return unavailable();
        }
        String state = sqlState == null ? "" : " sqlState=" + sqlState;
        LOG.errorf("internal error: %s%s", t.getClass().getName(), state);
        return new InternalException("internal error");
    }

    /** The FORBIDDEN error for an operation that accepts {@code allowedRoles}. */
    public static ForbiddenException forbidden(Collection<String> allowedRoles) {
        if (allowedRoles == null || allowedRoles.isEmpty()) {
            return new ForbiddenException("your token's roles do not allow this operation");
        }
        return new ForbiddenException("this operation needs one of the roles: "
                + String.join(", ", allowedRoles.stream().sorted().toList()) + " (in the token's `groups` claim)");
    }

    public static ServiceUnavailableException unavailable() {
        return new ServiceUnavailableException("the database is unavailable; nothing was changed, retry in a few seconds");
    }

    /** A safe error for the SQL states that are not the service's fault, else null. */
    private static ApiException fromSqlState(String state) {
        if (state == null) {
            return null;
        }
        if ("57014".equals(state)) { // statement_timeout of a GraphQL read
            return new BadUserInputException("the query took too long and was cancelled; narrow the filter or ask for fewer rows");
        }
        if ("40001".equals(state) || "40P01".equals(state) || "23505".equals(state)) {
            return new ConflictException("concurrent update, please retry");
        }
        if (UNSTORABLE_TEXT.contains(state)) {
            return new BadUserInputException("a text value contains a character that cannot be stored"
                    + " (such as a NUL byte, \\u0000); remove it and retry");
        }
        if (TOO_LARGE.contains(state)) {
            return new BadUserInputException("a value is too large to be stored; shorten it and retry");
        }
        if (BAD_VALUE.contains(state)) {
            return new BadUserInputException("a value cannot be stored as given (wrong format or out of range)");
        }
        if (state.startsWith("08") || SERVER_UNAVAILABLE.contains(state)) {
            return unavailable();
        }
        return null;
    }

    /** Whether a failure is (or wraps) an {@link ApiException}: a safe message and a code. */
    public static boolean isApiException(Throwable failure) {
        return failure != null && unwrap(failure) instanceof ApiException;
    }

    /**
     * The SQL state of the first database error in the cause chain: the reactive client's
     * PgException, or the SQLException Hibernate Reactive turns it into.
     */
    private static String sqlState(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof PgException pg && pg.getSqlState() != null) {
                return pg.getSqlState();
            }
            if (c instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static boolean isConnectionFailure(Throwable failure) {
        return unwrapConnectionFailure(failure) != null;
    }

    /** The first cause that says the database could not be reached or dropped the connection. */
    private static Throwable unwrapConnectionFailure(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.net.ConnectException || c instanceof java.net.NoRouteToHostException
                    || c instanceof java.net.UnknownHostException
                    || c instanceof java.nio.channels.ClosedChannelException
                    || c instanceof io.vertx.sqlclient.ClosedConnectionException
                    || c instanceof io.vertx.core.impl.NoStackTraceTimeoutException
                    || c instanceof io.smallrye.mutiny.TimeoutException) {
                return c;
            }
        }
        return null;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof java.util.concurrent.CompletionException
                || current instanceof io.smallrye.mutiny.CompositeException
                || current.getClass() == RuntimeException.class
                || current instanceof org.hibernate.HibernateException && current.getCause() != null)
                && current.getCause() != null && current.getCause() != current) {
            current = current instanceof io.smallrye.mutiny.CompositeException composite
                    ? composite.getCauses().get(0)
                    : current.getCause();
        }
        return current;
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
