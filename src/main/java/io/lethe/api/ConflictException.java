package io.lethe.api;

import io.smallrye.graphql.api.ErrorCode;

@ErrorCode("CONFLICT")
public class ConflictException extends ApiException {
    public ConflictException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "CONFLICT";
    }
}
