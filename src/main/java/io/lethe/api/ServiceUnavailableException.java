package io.lethe.api;

import io.smallrye.graphql.api.ErrorCode;

/** The database cannot be reached or refuses connections: nothing was done, the client may retry. */
@ErrorCode("UNAVAILABLE")
public class ServiceUnavailableException extends ApiException {
    public ServiceUnavailableException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "UNAVAILABLE";
    }
}
