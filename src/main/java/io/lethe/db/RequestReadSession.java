package io.lethe.db;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.RequestScoped;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Holds the current request's {@link ReadSession}, opened lazily on its first read and ended when
 * the request context is destroyed. That is tied to the HTTP exchange, not to graphql-java's
 * execution: SmallRye's GraphQL handler destroys it from the response's end, close and exception
 * handlers, so a client that hangs up mid-request ends the session too. (Those handlers replace
 * the ones {@code RoutingContext.addEndHandler} relies on, which therefore never fire for
 * /graphql.) Only an HTTP request to the GraphQL endpoint running a query shares a snapshot;
 * other request contexts (scheduled jobs, REST resources, mutations) read statement by statement
 * from the pool.
 */
@RequestScoped
public class RequestReadSession {
    private final ReadSessions sessions;
    private final CurrentVertxRequest request;
    private ReadSession session;

    public RequestReadSession(ReadSessions sessions, CurrentVertxRequest request) {
        this.sessions = sessions;
        this.request = request;
    }

    synchronized ReadSession get() {
        if (session == null) {
            session = sessions.newSession(this::isGraphQLQuery);
        }
        return session;
    }

    private boolean isGraphQLQuery() {
        RoutingContext ctx = request.getCurrent();
        return ctx != null && sessions.isGraphQLPath(ctx.normalizedPath()) && GraphQLOperations.isQuery(ctx);
    }

    @PreDestroy
    void end() {
        ReadSession ended;
        synchronized (this) {
            ended = session;
        }
        if (ended != null) {
            ended.close().subscribe().with(ok -> {
            }, failed -> {
            });
        }
    }
}
