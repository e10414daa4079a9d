package io.lethe.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.lethe.receipt.ReceiptSigningKey;
import io.lethe.security.DevTokenResource;
import io.quarkus.arc.profile.UnlessBuildProfile;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The production profile, read from the real application.properties (no environment, no system
 * properties, so a developer's or CI's QUARKUS_DATASOURCE_* cannot mask a gap): it refuses to
 * start without a JWT key, a datasource and an HMAC secret, with a message naming the env vars,
 * and it ships without /dev/token, the GraphQL UI, the schema document and introspection.
 * ProdStartupRefusalIT and ProdConfigIT check the same against the packaged application.
 */
class ProdConfigTest {
    static final String RECEIPT_KEY = ReceiptSigningKey.generate().toPem();
    static final Map<String, String> COMPLETE = Map.of(
            "mp.jwt.verify.publickey.location", "/etc/lethe/jwt/publicKey.pem",
            "quarkus.datasource.reactive.url", "postgresql://db:5432/lethe",
            "quarkus.datasource.jdbc.url", "jdbc:postgresql://db:5432/lethe",
            "LETHE_HMAC_SECRET", "a-production-hmac-secret-of-some-length",
            "LETHE_RECEIPT_SIGNING_KEY", RECEIPT_KEY);

    static jakarta.validation.ValidatorFactory factory;
    static Validator validator;

    @BeforeAll
    static void validator() {
        factory = Validation.byProvider(HibernateValidator.class).configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    static SmallRyeConfig config(String profile, Map<String, String> overrides) {
        URL properties = Thread.currentThread().getContextClassLoader().getResource("application.properties");
        assertThat(properties).isNotNull();
        try {
            return new SmallRyeConfigBuilder()
                    .addDefaultInterceptors()
                    .withProfile(profile)
                    .withSources(new PropertiesConfigSource(properties, 250))
                    .withSources(new PropertiesConfigSource(overrides, "overrides", 400))
                    .withMapping(ProductionConfig.class)
                    .withValidateUnknown(false)
                    .build();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<ConstraintViolation<ProductionConfig>> validate(String profile, Map<String, String> overrides) {
        return validator.validate(config(profile, overrides).getConfigMapping(ProductionConfig.class));
    }

    @Test
    void prodRefusesToStartWithoutJwtKeyDatasourceAndHmacSecret() {
        Set<ConstraintViolation<ProductionConfig>> violations = validate("prod", Map.of());
        assertThat(violations).singleElement().satisfies(v -> assertThat(v.getMessage())
                .startsWith(ProductionChecks.HEADER)
                .contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "MP_JWT_VERIFY_PUBLICKEY ",
                        "QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL", "LETHE_HMAC_SECRET",
                        "LETHE_RECEIPT_SIGNING_KEY"));
    }

    @Test
    void prodStartsWhenEverythingIsConfigured() {
        assertThat(validate("prod", COMPLETE)).isEmpty();
        Map<String, String> inlineKey = new HashMap<>(COMPLETE);
        inlineKey.remove("mp.jwt.verify.publickey.location");
        inlineKey.put("mp.jwt.verify.publickey", "-----BEGIN PUBLIC KEY-----\nMIIB...\n-----END PUBLIC KEY-----");
        assertThat(validate("prod", inlineKey)).as("key given inline, as the k8s Secret does").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "mp.jwt.verify.publickey.location", "quarkus.datasource.reactive.url",
            "quarkus.datasource.jdbc.url", "LETHE_HMAC_SECRET", "LETHE_RECEIPT_SIGNING_KEY" })
    void eachMissingSettingIsNamed(String missing) {
        Map<String, String> config = new HashMap<>(COMPLETE);
        config.put(missing, ""); // empty = unset, as with an empty env var
        Map<String, String> envVar = Map.of("mp.jwt.verify.publickey.location", "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                "quarkus.datasource.reactive.url", "QUARKUS_DATASOURCE_REACTIVE_URL",
                "quarkus.datasource.jdbc.url", "QUARKUS_DATASOURCE_JDBC_URL", "LETHE_HMAC_SECRET", "LETHE_HMAC_SECRET",
                "LETHE_RECEIPT_SIGNING_KEY", "LETHE_RECEIPT_SIGNING_KEY");
        Set<ConstraintViolation<ProductionConfig>> violations = validate("prod", config);
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.getMessage()).contains(envVar.get(missing));
            assertThat(v.getMessage().lines().filter(l -> l.startsWith("  - "))).hasSize(1);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = { "test", "dev" })
    void devAndTestNeedNoProductionSettings(String profile) {
        assertThat(config(profile, Map.of()).getConfigMapping(ProductionConfig.class).enabled()).isFalse();
        assertThat(validate(profile, Map.of())).isEmpty();
    }

    @Test
    void checksSeeBlankValuesAsMissing() {
        var blank = new ProductionChecks.Settings(Optional.of(" "), Optional.of(""), Optional.of(" "), Optional.empty(),
                Optional.of("short"), Optional.of(" "));
        List<String> problems = ProductionChecks.problems(blank);
        assertThat(problems).hasSize(5);
        assertThat(ProductionChecks.message(problems)).contains("at least " + ProductionChecks.MIN_HMAC_SECRET_LENGTH);
        var fine = new ProductionChecks.Settings(Optional.empty(), Optional.of("https://idp/jwks"),
                Optional.of("postgresql://db/lethe"), Optional.of("jdbc:postgresql://db/lethe"),
                Optional.of("0123456789abcdef"), Optional.of(RECEIPT_KEY));
        assertThat(ProductionChecks.problems(fine)).isEmpty();
    }

    @Test
    void anUnusableReceiptKeyIsNamedWithoutQuotingIt() throws Exception {
        java.security.KeyPairGenerator ec = java.security.KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        String ecKey = "-----BEGIN PRIVATE KEY-----\n" + java.util.Base64.getMimeEncoder()
                .encodeToString(ec.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        String shortKey = "-----BEGIN PRIVATE KEY-----\n" + java.util.Base64.getMimeEncoder()
                .encodeToString(rsa.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        Map<String, String> reasons = Map.of("not a key", "not a PEM block", ecKey, "not an RSA private key",
                shortKey, "at least 2048", "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----",
                "PKCS#8", "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----", "base64");
        reasons.forEach((value, reason) -> {
            Map<String, String> config = new HashMap<>(COMPLETE);
            config.put("LETHE_RECEIPT_SIGNING_KEY", value);
            assertThat(validate("prod", config)).singleElement().satisfies(v -> assertThat(v.getMessage())
                    .contains("LETHE_RECEIPT_SIGNING_KEY", reason)
                    .doesNotContain(value.lines().skip(1).findFirst().orElse(value)));
        });
        // a key given on one line with literal \n, as some env files carry it
        Map<String, String> oneLine = new HashMap<>(COMPLETE);
        oneLine.put("LETHE_RECEIPT_SIGNING_KEY", RECEIPT_KEY.replace("\n", "\\n"));
        assertThat(validate("prod", oneLine)).isEmpty();
    }

    @Test
    void devTokenRouteIsNotInTheProdBuild() {
        UnlessBuildProfile unless = DevTokenResource.class.getAnnotation(UnlessBuildProfile.class);
        assertThat(unless).as("DevTokenResource is removed from prod builds").isNotNull();
        assertThat(unless.value()).isEqualTo("prod");
    }

    @Test
    void graphqlUiSchemaDocumentAndIntrospectionAreOffInProd() {
        SmallRyeConfig prod = config("prod", Map.of());
        assertThat(prod.getOptionalValue("quarkus.smallrye-graphql.ui.always-include", Boolean.class)).contains(false);
        assertThat(prod.getOptionalValue("quarkus.smallrye-graphql.schema-available", Boolean.class)).contains(false);
        assertThat(prod.getOptionalValue("quarkus.smallrye-graphql.field-visibility", String.class))
                .contains("no-introspection");
        // an operator can opt back in at runtime
        assertThat(config("prod", Map.of("LETHE_GRAPHQL_FIELD_VISIBILITY", "default"))
                .getOptionalValue("quarkus.smallrye-graphql.field-visibility", String.class)).contains("default");
        // tests and dev keep the tools
        assertThat(config("test", Map.of()).getOptionalValue("quarkus.smallrye-graphql.field-visibility", String.class))
                .isEmpty();
        assertThat(config("test", Map.of()).getOptionalValue("quarkus.smallrye-graphql.schema-available", Boolean.class))
                .contains(true);
    }

    @Test
    void prodShutsDownGracefully() {
        SmallRyeConfig prod = config("prod", Map.of());
        assertThat(prod.getOptionalValue("quarkus.shutdown.delay-enabled", Boolean.class)).contains(true);
        assertThat(prod.getOptionalValue("quarkus.shutdown.delay", String.class)).isPresent();
        assertThat(prod.getOptionalValue("quarkus.shutdown.timeout", String.class)).isPresent();
        assertThat(config("test", Map.of()).getOptionalValue("quarkus.shutdown.delay", String.class))
                .as("no shutdown delay slowing down tests").isEmpty();
    }
}
