package io.lethe.api;

import io.smallrye.graphql.api.ErrorCode;

@ErrorCode("BAD_USER_INPUT")
public class BadUserInputException extends ApiException {
    public BadUserInputException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "BAD_USER_INPUT";
    }
}
