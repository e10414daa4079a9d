package io.lethe.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records every log line while a test step runs: all categories at their configured levels, and
 * Lethe's own code at every level (debug and trace included).
 */
public final class LogCapture extends Handler {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("");
    private final Logger lethe = Logger.getLogger("io.lethe");
    private final Level previous;

    private LogCapture() {
        previous = lethe.getLevel();
    }

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        capture.setLevel(Level.ALL);
        capture.root.addHandler(capture);
        capture.lethe.setLevel(Level.ALL);
        // proves the capture sees application logging
        capture.lethe.fine("log capture started");
        return capture;
    }

    /** Stops capturing and returns each line with its parameters and any exception text. */
    public List<String> stop() {
        root.removeHandler(this);
        lethe.setLevel(previous);
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord record) {
        StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
        if (record.getParameters() != null) {
            for (Object p : record.getParameters()) {
                line.append(' ').append(p);
            }
        }
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            line.append(' ').append(t);
        }
        lines.add(line.toString());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
