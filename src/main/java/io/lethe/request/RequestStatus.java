package io.lethe.request;

public enum RequestStatus {
    OPEN, IN_PROGRESS, COMPLETED, REJECTED;

    public boolean isOpen() {
        return this == OPEN || this == IN_PROGRESS;
    }
}
