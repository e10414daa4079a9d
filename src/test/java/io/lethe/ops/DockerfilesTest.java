package io.lethe.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs here, so the image definitions are checked as text: multi-stage, pinned
 * builder, distribution build (-Ddist), minimal runtime with nothing but the application, non-root
 * user, HTTP port; and a build context that carries no build output or test key material.
 */
class DockerfilesTest {

    record Stage(String from, List<String> lines) {
    }

    static List<Stage> stages(Path dockerfile) throws IOException {
        List<String> all = Files.readAllLines(dockerfile, StandardCharsets.UTF_8);
        java.util.Map<String, String> args = new java.util.HashMap<>();
        Pattern arg = Pattern.compile("^ARG\\s+(\\w+)=(\\S+)\\s*$");
        List<Stage> stages = new ArrayList<>();
        for (String raw : all) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = arg.matcher(line);
            if (m.matches() && stages.isEmpty()) {
                args.put(m.group(1), m.group(2));
            }
            if (line.startsWith("FROM ")) {
                String image = line.substring(5).strip().split("\\s+")[0];
                Matcher ref = Pattern.compile("\\$\\{(\\w+)}").matcher(image);
                if (ref.matches()) {
                    image = args.get(ref.group(1));
                }
                stages.add(new Stage(image, new ArrayList<>()));
            } else if (!stages.isEmpty()) {
                stages.get(stages.size() - 1).lines().add(line);
            }
        }
        return stages;
    }

    @Test
    void nativeImageIsBuiltWithPinnedMandrelAndRunsOnTheMicroImage() throws IOException {
        List<Stage> stages = stages(Path.of("Dockerfile.native"));
        assertThat(stages).hasSize(2);
        Stage build = stages.get(0);
        assertThat(build.from()).matches("quay\\.io/quarkus/ubi9?-quarkus-mandrel-builder-image:\\d+\\.\\d+\\.\\d+\\.\\d+-Final-java21");
        assertThat(String.join("\n", build.lines())).contains("package -Dnative -Ddist -DskipTests");
        assertRuntime(stages.get(1), "quay.io/quarkus/ubi9-quarkus-micro-image:2.0", "/work/application");
    }

    @Test
    void jvmImageIsBuiltInsideAndRunsOnTheJre() throws IOException {
        List<Stage> stages = stages(Path.of("src/main/docker/Dockerfile.jvm"));
        assertThat(stages).hasSize(2);
        assertThat(stages.get(0).from()).matches("registry\\.access\\.redhat\\.com/ubi9/openjdk-21:\\d+\\.\\d+");
        assertThat(String.join("\n", stages.get(0).lines())).contains("package -Ddist -DskipTests");
        assertRuntime(stages.get(1), "registry.access.redhat.com/ubi9/openjdk-21-runtime:1.24", "/deployments/");
    }

    static void assertRuntime(Stage runtime, String image, String appPath) {
        assertThat(runtime.from()).isEqualTo(image);
        String body = String.join("\n", runtime.lines());
        assertThat(body).contains("EXPOSE 8080");
        assertThat(body).doesNotContain("mvnw", "COPY src", "COPY . ");
        assertThat(runtime.lines()).filteredOn(l -> l.startsWith("COPY ")).isNotEmpty()
                .allSatisfy(l -> assertThat(l).contains("--from=build").contains(appPath));
        List<String> users = runtime.lines().stream().filter(l -> l.startsWith("USER ")).toList();
        assertThat(users).isNotEmpty();
        assertThat(users.get(users.size() - 1)).as("runs as a numeric non-root user").matches("USER [1-9]\\d*");
        assertThat(runtime.lines()).anyMatch(l -> l.startsWith("ENTRYPOINT"));
    }

    @Test
    void buildContextHoldsOnlyWhatTheBuildNeeds() throws IOException {
        List<String> rules = Files.readAllLines(Path.of(".dockerignore"), StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(rules.get(0)).as("allow-list: exclude everything first").isEqualTo("*");
        assertThat(rules).contains("!mvnw", "!.mvn/", "!pom.xml", "!src/", "src/test/", "**/target/");
    }
}
