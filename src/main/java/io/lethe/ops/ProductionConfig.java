package io.lethe.ops;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Optional;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Production fail-fast. Quarkus validates config mappings with Bean Validation while it loads the
 * runtime configuration, i.e. before Flyway, Hibernate or the HTTP server start. A missing
 * datasource would otherwise surface as an obscure Hibernate "inactive bean" error, and a missing
 * JWT key as a silent 401 on every request. Enabled by {@code %prod.lethe.production-checks.enabled}.
 */
@ConfigMapping(prefix = "")
@ProductionConfig.ReadyForProduction
public interface ProductionConfig {

    @WithName("lethe.production-checks.enabled")
    @WithDefault("false")
    boolean enabled();

    @WithName("mp.jwt.verify.publickey")
    Optional<String> jwtPublicKey();

    @WithName("mp.jwt.verify.publickey.location")
    Optional<String> jwtPublicKeyLocation();

    @WithName("quarkus.datasource.reactive.url")
    Optional<String> reactiveUrl();

    @WithName("quarkus.datasource.jdbc.url")
    Optional<String> jdbcUrl();

    @WithName("lethe.security.hmac-secret")
    Optional<String> hmacSecret();

    @WithName("lethe.receipt.signing-key")
    Optional<String> receiptSigningKey();

    default ProductionChecks.Settings settings() {
        return new ProductionChecks.Settings(jwtPublicKey(), jwtPublicKeyLocation(), reactiveUrl(), jdbcUrl(),
                hmacSecret(), receiptSigningKey());
    }

    /** Class-level constraint: all production settings present when the checks are enabled. */
    @Documented
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = ReadyForProductionValidator.class)
    @interface ReadyForProduction {
        String message() default "production configuration is incomplete";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    class ReadyForProductionValidator implements ConstraintValidator<ReadyForProduction, ProductionConfig> {
        @Override
        public boolean isValid(ProductionConfig config, ConstraintValidatorContext context) {
            if (config == null || !config.enabled()) {
                return true;
            }
            List<String> problems = ProductionChecks.problems(config.settings());
            if (problems.isEmpty()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            // message templates interpolate {...} and ${...}: the text has neither, escape anyway
            String template = ProductionChecks.message(problems).replace("\\", "\\\\").replace("{", "\\{")
                    .replace("}", "\\}").replace("$", "\\$");
            context.buildConstraintViolationWithTemplate(template).addConstraintViolation();
            return false;
        }
    }
}
