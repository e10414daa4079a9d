package io.lethe.transcript;

public enum SenderKind {
    VISITOR, OPERATOR, BOT, SYSTEM
}
