package io.lethe.api;

import io.smallrye.graphql.api.ErrorCode;

@ErrorCode("FORBIDDEN")
public class ForbiddenException extends ApiException {
    public ForbiddenException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "FORBIDDEN";
    }
}
