package io.lethe.api;

/**
 * An error whose message is safe to show to the client. Each subclass carries one
 * {@code extensions.code}; anything else that escapes a resolver is reported as INTERNAL.
 */
public abstract class ApiException extends RuntimeException {
    protected ApiException(String message) {
        super(message, null, false, false);
    }

    public abstract String code();
}
