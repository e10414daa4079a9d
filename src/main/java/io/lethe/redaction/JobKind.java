package io.lethe.redaction;

public enum JobKind {
    RETENTION, ERASURE, TRANSCRIPT
}
