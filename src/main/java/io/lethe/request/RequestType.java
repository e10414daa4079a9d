package io.lethe.request;

/** The data subject's right invoked (GDPR Art. 15–21). */
public enum RequestType {
    ACCESS, ERASURE, RECTIFICATION, RESTRICTION, OBJECTION
}
