package io.lethe.api;

import io.smallrye.graphql.api.ErrorCode;

/** A request body above a size limit (REST uploads): HTTP 413 with the same code as the HTTP layer's own 413. */
@ErrorCode(PayloadTooLargeException.CODE)
public class PayloadTooLargeException extends ApiException {
    public static final String CODE = "PAYLOAD_TOO_LARGE";

    public PayloadTooLargeException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return CODE;
    }
}
