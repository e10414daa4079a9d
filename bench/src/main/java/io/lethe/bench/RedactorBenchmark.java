package io.lethe.bench;

import io.lethe.redaction.engine.KnownValues;
import io.lethe.redaction.engine.RedactionPolicy;
import io.lethe.redaction.engine.RedactionResult;
import io.lethe.redaction.engine.Redactor;
import io.lethe.redaction.engine.Span;
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
 * Messages redacted per second on one thread, over a realistic chat mix (see {@link ChatMessages}). One
 * benchmark operation = one message, so the score is messages/s per core. Target: at least 250,000, with one
 * phone region and with five ({@code regions}: the tenant's phone regions, the first the default).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class RedactorBenchmark {

    private static final int MESSAGES = 4096; // power of two, see next()

    @Param({"US", "US,GB,DE,FR,IN"})
    public String regions;

    private Redactor redactor;
    private KnownValues visitor;
    private String[] chat;
    private String[] withPii;
    private int nextChat;
    private int nextPii;

    @Setup(Level.Trial)
    public void setUp() {
        redactor = new Redactor(new RedactionPolicy(List.of(regions.split(",")), false,
                RedactionPolicy.defaults().detectors()));
        visitor = KnownValues.of(
                List.of(ChatMessages.VISITOR_NAME, ChatMessages.VISITOR_KEY, ChatMessages.VISITOR_EMAIL),
                List.of(ChatMessages.VISITOR_PHONE));
        List<String> messages = ChatMessages.generate(MESSAGES, 42);
        chat = messages.toArray(String[]::new);
        withPii = messages.stream()
                .filter(m -> redactor.redact(m, visitor).changed())
                .toArray(String[]::new);
    }

    /** The realistic mix, with the visitor's known values as the app passes them. */
    @Benchmark
    public RedactionResult redactTypicalChat() {
        String message = chat[nextChat];
        nextChat = (nextChat + 1) & (MESSAGES - 1);
        return redactor.redact(message, visitor);
    }

    /** Same mix, detection only (no output string built). */
    @Benchmark
    public List<Span> detectTypicalChat() {
        String message = chat[nextChat];
        nextChat = (nextChat + 1) & (MESSAGES - 1);
        return redactor.detect(message, visitor);
    }

    /** Only the messages of the mix that contain PII: the slow path. */
    @Benchmark
    public RedactionResult redactMessagesWithPii() {
        String message = withPii[nextPii];
        nextPii = nextPii + 1 == withPii.length ? 0 : nextPii + 1;
        return redactor.redact(message, visitor);
    }
}
