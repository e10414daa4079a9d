package io.lethe.api;

import io.smallrye.graphql.api.ErrorCode;

/** Input above a size limit: BAD_USER_INPUT for GraphQL, HTTP 413 for REST uploads. */
@ErrorCode("BAD_USER_INPUT")
public class PayloadTooLargeException extends ApiException {
    public PayloadTooLargeException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "BAD_USER_INPUT";
    }
}
