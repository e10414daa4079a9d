package io.lethe.graphql;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits every GraphQL operation must fit before it runs (see {@link QueryCost} for the units). */
@ConfigMapping(prefix = "lethe.graphql-limits")
public interface QueryLimits {
    /** Deepest field nesting after fragment expansion; introspection does not count. */
    @WithDefault("12")
    int maxDepth();

    /** Highest price of an operation, in {@link QueryCost} units. */
    @WithDefault("10000")
    long maxCost();

    /** Parsed documents kept ({@link DocumentCache}), as the total length of their query texts; 0 keeps none. */
    @WithDefault("4000000")
    long documentCacheChars();
}
