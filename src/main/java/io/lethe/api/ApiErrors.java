package io.lethe.api;

import jakarta.validation.ConstraintViolationException;

import org.jboss.logging.Logger;

import io.vertx.pgclient.PgException;

/**
 * Maps any failure to an {@link ApiException}. Unknown failures become INTERNAL with a generic
 * message; only the exception type and SQL state are logged, because messages may carry PII.
 */
public final class ApiErrors {
    private static final Logger LOG = Logger.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    public static ApiException translate(Throwable failure) {
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
            return new ForbiddenException("your roles do not allow this operation");
        }
        if (t instanceof io.quarkus.security.UnauthorizedException
                || t instanceof io.quarkus.security.AuthenticationFailedException) {
            return new UnauthenticatedException("a valid bearer token is required");
        }
        if (t instanceof PgException pg && ("40001".equals(pg.getSqlState()) || "23505".equals(pg.getSqlState()))) {
            return new ConflictException("concurrent update, please retry");
        }
        if (t instanceof PgException pg && "57014".equals(pg.getSqlState())) { // statement_timeout
            return new BadUserInputException("the query took too long and was cancelled; narrow the filter or ask for fewer rows");
        }
        String state = t instanceof PgException pg ? " sqlState=" + pg.getSqlState() : "";
        LOG.errorf("internal error: %s%s", t.getClass().getName(), state);
        return new InternalException("internal error");
    }

    /** Whether a failure is (or wraps) an {@link ApiException}: a safe message and a code. */
    public static boolean isApiException(Throwable failure) {
        return failure != null && unwrap(failure) instanceof ApiException;
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
