package io.lethe.bench;

import io.lethe.redaction.engine.KnownValues;
import io.lethe.redaction.engine.RedactionPolicy;
import io.lethe.redaction.engine.RedactionResult;
import io.lethe.redaction.engine.Redactor;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to redact 1 MiB of adversarial text, one pattern per run: the engine must stay linear (no regex
 * backtracking blow-up). Compare a shape with {@code PLAIN_CHAT} to see its per-char overhead.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class HostileInputBenchmark {

    public enum Shape {
        PLAIN_CHAT("Hi there, my order 4521 didn't arrive, can you check? "),
        EMAIL_AT_DOTS("a@a.a."),
        LONG_LOCAL_PART(null),
        AT_SIGNS("@"),
        DOTTED_NUMBERS("1.1."),
        COLONS("1:"),
        HEX_COLONS("fe80::"),
        DIGITS("1234567890"),
        SPACED_DIGITS("1 "),
        PHONE_LIST("415-555-0100 "),
        IP_LIST("192.168.0.1 "),
        EMAIL_LIST("john@example.com "),
        PLACEHOLDERS("<redacted>");

        private final String unit;

        Shape(String unit) {
            this.unit = unit;
        }

        String build(int size) {
            if (unit == null) { // "aaaa...aaa@example.com": a local part far over the 64-char limit
                return "a".repeat(size - 12) + "@example.com";
            }
            StringBuilder text = new StringBuilder(size + unit.length());
            while (text.length() < size) {
                text.append(unit);
            }
            return text.substring(0, size);
        }
    }

    @Param
    public Shape shape;

    @Param("1048576")
    public int size;

    private Redactor redactor;
    private KnownValues visitor;
    private String text;

    @Setup(Level.Trial)
    public void setUp() {
        redactor = new Redactor(RedactionPolicy.defaults());
        visitor = KnownValues.of(List.of("Maria Gonzalez", "vk_3f9a1c77e2", "aaa", "a.a"),
                List.of("+1 (415) 555-0142"));
        text = shape.build(size);
    }

    @Benchmark
    public RedactionResult redact() {
        return redactor.redact(text, visitor);
    }
}
