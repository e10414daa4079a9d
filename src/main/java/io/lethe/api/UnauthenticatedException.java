package io.lethe.api;

import io.smallrye.graphql.api.ErrorCode;

@ErrorCode("UNAUTHENTICATED")
public class UnauthenticatedException extends ApiException {
    public UnauthenticatedException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "UNAUTHENTICATED";
    }
}
