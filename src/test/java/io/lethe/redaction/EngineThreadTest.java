package io.lethe.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lethe.redaction.engine.KnownValues;
import io.lethe.redaction.engine.RedactionResult;
import io.lethe.redaction.engine.Redactor;
import io.lethe.support.Api;
import io.lethe.support.Chat;
import io.lethe.support.Jobs;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Context;

/** The redaction engine never runs on an event loop: requests keep their threads while a sweep runs. */
@QuarkusTest
class EngineThreadTest {
    private static final Duration WAIT = Duration.ofMinutes(2);

    @Inject
    Jobs jobs;
    @Inject
    RedactorCache redactors;
    @Inject
    EngineExecutor engine;

    record Call(String thread, boolean eventLoop) {
    }

    @Test
    void retentionAndErasureMentionsRedactOnEngineThreads() {
        String tenant = Api.newTenant();
        String ingest = Api.token(tenant, "ingest");
        String admin = Api.token(tenant, "privacy-admin");
        String old = OffsetDateTime.now(ZoneOffset.UTC).minusDays(100).toString();
        for (int i = 0; i < 6; i++) {
            String id = Chat.start(ingest, "engine-" + i, old, null);
            Chat.form(ingest, id, Map.of("email", "engine" + i + "@example.com"));
            Chat.say(ingest, id, old, "mail engine" + i + "@example.com or engine0@example.com");
        }
        jobs.drain(); // other tests' leftovers run with the ordinary runner
        Api.ok(admin, "mutation { requestErasure(input: {email: \"engine0@example.com\", searchAllTranscripts: true}) { id } }");
        Api.ok(admin, "mutation { setRetentionPolicy(input: {redactAfterDays: 30}) { redactAfterDays } }");
        Api.ok(admin, "mutation { applyRetentionPolicy { id } }");

        List<Call> calls = new CopyOnWriteArrayList<>();
        TranscriptRedactor recording = new TranscriptRedactor(new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
                redactors, engine) {
            @Override
            protected RedactionResult redactText(Redactor redactor, String text, KnownValues known) {
                calls.add(new Call(Thread.currentThread().getName(), Context.isOnEventLoopThread()));
                return super.redactText(redactor, text, known);
            }
        };
        assertThat(jobs.runner("worker-engine", 2, recording).drain().await().atMost(WAIT)).isEqualTo(2);

        // mentions (5 other transcripts' messages and forms) and the sweep's message bodies
        assertThat(calls).hasSizeGreaterThanOrEqualTo(16);
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.eventLoop()).as("engine call on %s", call.thread()).isFalse();
            assertThat(call.thread()).startsWith(EngineExecutor.THREAD_PREFIX);
        });
        var job = Api.ok(admin, "{ redactionJobs { edges { node { kind status transcriptsRedacted } } } }");
        assertThat(job.getList("data.redactionJobs.edges.node.status", String.class)).containsOnly("SUCCEEDED");
    }
}
