package io.lethe.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * What each profile of the real application.properties says about the GraphQL limits and the
 * schema document (the test profile itself is exercised by the API tests).
 */
class GraphQLProfilesTest {

    static SmallRyeConfig config(String profile) throws IOException {
        URL properties = Thread.currentThread().getContextClassLoader().getResource("application.properties");
        return new SmallRyeConfigBuilder().addDefaultInterceptors().withProfile(profile)
                .withSources(new PropertiesConfigSource(properties, 250)).withMapping(QueryLimits.class)
                .withValidateUnknown(false).build();
    }

    static List<String> authenticatedPaths(SmallRyeConfig config) {
        return config.getValues("quarkus.http.auth.permission.authenticated.paths", String.class);
    }

    @Test
    void theSchemaDocumentNeedsNoTokenInDevModeOnly() throws IOException {
        SmallRyeConfig dev = config("dev");
        assertThat(authenticatedPaths(dev)).contains("/graphql", "/transcripts/*", "/attachments/*", "/exports/*")
                .doesNotContain("/graphql/*");
        assertThat(dev.getValue("quarkus.smallrye-graphql.schema-available", Boolean.class)).isTrue();
        for (String profile : List.of("test", "prod")) {
            assertThat(authenticatedPaths(config(profile))).as(profile).contains("/graphql", "/graphql/*");
        }
        assertThat(config("prod").getValue("quarkus.smallrye-graphql.schema-available", Boolean.class)).isFalse();
    }

    @Test
    void limitsAreOursNotSmallRyesFragmentExpandingInstrumentations() throws IOException {
        for (String profile : List.of("dev", "test", "prod")) {
            SmallRyeConfig config = config(profile);
            QueryLimits limits = config.getConfigMapping(QueryLimits.class);
            assertThat(limits.maxDepth()).isEqualTo(12);
            assertThat(limits.maxCost()).isEqualTo(10_000);
            assertThat(config.getOptionalValue("quarkus.smallrye-graphql.instrumentation-query-depth", Integer.class)).isEmpty();
            assertThat(config.getOptionalValue("quarkus.smallrye-graphql.instrumentation-query-complexity", Integer.class)).isEmpty();
        }
    }
}
