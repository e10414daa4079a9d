package io.lethe.api;

import io.smallrye.graphql.api.ErrorCode;

@ErrorCode("INTERNAL")
public class InternalException extends ApiException {
    public InternalException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "INTERNAL";
    }
}
