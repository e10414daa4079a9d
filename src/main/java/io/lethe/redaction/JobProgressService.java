package io.lethe.redaction;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lethe.api.ApiErrors;
import io.lethe.api.NotFoundException;
import io.lethe.api.ServiceUnavailableException;
import io.lethe.db.Ids;
import io.lethe.security.Caller;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * A job's progress as a stream: the job now, then a fresh row whenever it may have changed (a
 * notice from any replica, a reconnect of the listener, or the periodic re-read), consecutive equal
 * rows skipped, and the stream completes right after the row in which the job has ended. Every read
 * is tenant-scoped, so another tenant's job is NOT_FOUND like a missing one.
 */
@ApplicationScoped
public class JobProgressService {
    private static final Object NOW = new Object();
    private static final Duration RETRY_FIRST = Duration.ofMillis(500);
    private static final Duration RETRY_MAX = Duration.ofSeconds(5);

    private final RedactionJobQueries queries;
    private final JobProgressListener listener;
    private final JobProgressConfig config;

    public JobProgressService(RedactionJobQueries queries, JobProgressListener listener, JobProgressConfig config) {
        this.queries = queries;
        this.listener = listener;
        this.config = config;
    }

    public Multi<RedactionJobView> follow(Caller caller, String id) {
        return follow(caller, id, config.refresh());
    }

    Multi<RedactionJobView> follow(Caller caller, String id, Duration refresh) {
        Optional<UUID> parsed = Ids.parse(id);
        if (parsed.isEmpty()) {
            return Multi.createFrom().failure(new NotFoundException("job not found"));
        }
        UUID jobId = parsed.get();
        // subscribed together: the listener is registered before the first read reaches the database
        Multi<Object> triggers = Multi.createBy().merging().streams(
                Multi.createFrom().item(NOW),
                listener.changes(caller.tenantId(), jobId),
                Multi.createFrom().ticks().every(refresh).onOverflow().drop().map(tick -> (Object) tick));
        return triggers
                // while a read runs, further signals collapse into one: the next read sees them all
                .onOverflow().dropPreviousItems()
                .onItem().transformToUniAndConcatenate(signal -> read(caller, jobId))
                .skip().repetitions()
                // the final row, then an end marker that closes the stream at once
                .onItem().transformToIterable(view -> view.status().isActive() ? List.of(Optional.of(view))
                        : List.of(Optional.of(view), Optional.<RedactionJobView>empty()))
                .select().first(Optional::isPresent)
                .map(Optional::get)
                .onFailure().transform(ApiErrors::translate);
    }

    /** A database that is briefly unreachable delays the stream instead of ending it. */
    private Uni<RedactionJobView> read(Caller caller, UUID jobId) {
        return queries.latest(caller.tenantId(), jobId)
                .onFailure(failure -> ApiErrors.translate(failure) instanceof ServiceUnavailableException)
                .retry().withBackOff(RETRY_FIRST, RETRY_MAX).indefinitely()
                .onItem().ifNull().failWith(() -> new NotFoundException("job not found"));
    }
}
