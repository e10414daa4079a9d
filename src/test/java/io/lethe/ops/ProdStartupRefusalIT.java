package io.lethe.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;


/**
 * Starts the packaged application (native binary when one was built, else the jar) in the prod
 * profile with settings missing and checks that it exits at once, naming what to set. The checks
 * run while the configuration loads, so neither the embedded PostgreSQL nor the HTTP server start.
 */
class ProdStartupRefusalIT {
    static final long TIMEOUT_SECONDS = 60;

    record Run(int exitCode, String output) {
    }

    @Test
    void refusesToStartWithoutJwtKey() throws Exception {
        Run run = start(Map.of("lethe.security.hmac-secret", ProdAppResource.HMAC_SECRET));
        assertThat(run.exitCode()).isNotZero();
        // (a -Ddist build has no embedded database, so it also names the datasource: not asserted)
        assertThat(run.output()).contains(ProductionChecks.HEADER, "MP_JWT_VERIFY_PUBLICKEY_LOCATION")
                .doesNotContain("Listening on");
    }

    @Test
    void refusesToStartWithoutDatasource() throws Exception {
        // the non-dist jar's embedded PostgreSQL supplies default URLs: blank them as an unset env would
        Run run = start(Map.of("lethe.security.hmac-secret", ProdAppResource.HMAC_SECRET,
                "mp.jwt.verify.publickey", ProdAppResource.publicKey(),
                "lethe.receipt.signing-key", ProdAppResource.RECEIPT_SIGNING_KEY,
                "quarkus.datasource.reactive.url", "", "quarkus.datasource.jdbc.url", ""));
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains(ProductionChecks.HEADER, "QUARKUS_DATASOURCE_REACTIVE_URL",
                "QUARKUS_DATASOURCE_JDBC_URL").doesNotContain("MP_JWT_VERIFY_PUBLICKEY_LOCATION")
                .doesNotContain("Listening on");
    }

    @Test
    void refusesToStartWithoutAReceiptSigningKey() throws Exception {
        Run run = start(Map.of("lethe.security.hmac-secret", ProdAppResource.HMAC_SECRET,
                "mp.jwt.verify.publickey", ProdAppResource.publicKey()));
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains(ProductionChecks.HEADER, "LETHE_RECEIPT_SIGNING_KEY")
                .doesNotContain("MP_JWT_VERIFY_PUBLICKEY_LOCATION").doesNotContain("Listening on");
    }

    static Run start(Map<String, String> properties) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        Path nativeBinary = Path.of(System.getProperty("native.image.path", "target/none-runner"));
        boolean nativeImage = Files.isExecutable(nativeBinary);
        if (nativeImage) {
            command.add(nativeBinary.toString());
        } else {
            Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
            assertThat(jar).as("run ./mvnw verify (package before integration-test)").exists();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        }
        List<String> sysProps = new ArrayList<>();
        sysProps.add("-Dquarkus.http.port=0");
        properties.forEach((k, v) -> sysProps.add("-D" + k + "=" + v));
        command.addAll(sysProps);
        if (!nativeImage) {
            command.add("-jar");
            command.add("target/quarkus-app/quarkus-run.jar");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // a developer's or CI's settings must not fill the gaps under test
        builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("MP_JWT")
                || k.startsWith("LETHE_") || k.startsWith("SMALLRYE_"));
        Process process = builder.start();
        Path log = Files.createTempFile("lethe-refusal", ".log");
        try {
            Thread pump = new Thread(() -> {
                try (var in = process.getInputStream()) {
                    Files.copy(in, log, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException ignored) {
                    // process gone
                }
            });
            pump.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                pump.join(5000);
                throw new AssertionError("the application did not refuse to start within " + TIMEOUT_SECONDS + " s:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            pump.join(5000);
            return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
