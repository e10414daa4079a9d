package io.lethe.ops;

import static io.lethe.ops.Manifests.K8S;
import static io.lethe.ops.Manifests.all;
import static io.lethe.ops.Manifests.container;
import static io.lethe.ops.Manifests.custom;
import static io.lethe.ops.Manifests.one;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * The k8s/ manifests, parsed with the Fabric8 Kubernetes model, hold what a deployment needs:
 * `kubectl apply -k k8s/` gives a hardened, probed, autoscaled Deployment wired to a CloudNativePG
 * database, and the external-postgres overlay keeps all of it with a managed database.
 */
class KubernetesManifestsTest {
    static final String CNPG_API = "postgresql.cnpg.io/v1";
    static final Set<String> PORTS_ALLOWED_OUT = Set.of("5432/TCP", "53/UDP", "53/TCP");
    static final Pattern VAR_REF = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    static List<HasMetadata> rendered;

    @BeforeAll
    static void render() {
        rendered = Manifests.render(K8S);
    }

    @Test
    void everyYamlFileParsesWithTheKubernetesModel() throws IOException {
        List<Path> files = Manifests.yamlFiles(K8S);
        assertThat(files).hasSizeGreaterThanOrEqualTo(10);
        for (Path file : files) {
            List<HasMetadata> objects = Manifests.parse(file);
            assertThat(objects).as(file.toString()).isNotEmpty();
            for (HasMetadata o : objects) {
                assertThat(o.getApiVersion()).as(file + " apiVersion").isNotBlank();
                assertThat(o.getKind()).as(file + " kind").isNotBlank();
                assertThat(o.getMetadata() == null && !o.getKind().equals("Kustomization")).as(file + " metadata").isFalse();
                assertThat(Manifests.unknownFields(o)).as(file + ": fields unknown to the Kubernetes model").isEmpty();
            }
        }
    }

    @Test
    void kustomizationRendersEveryPiece() {
        assertThat(rendered.stream().map(HasMetadata::getKind).collect(Collectors.toSet())).containsExactlyInAnyOrder(
                "ServiceAccount", "ConfigMap", "Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget",
                "NetworkPolicy", "Cluster");
        Set<String> ids = new HashSet<>();
        for (HasMetadata o : rendered) {
            assertThat(ids.add(o.getApiVersion() + "/" + o.getKind() + "/" + o.getMetadata().getName()))
                    .as("duplicate " + o.getKind() + " " + o.getMetadata().getName()).isTrue();
            assertThat(o.getMetadata().getNamespace()).as("namespace comes from kubectl -n, not the manifests").isNull();
        }
        assertThat(all(rendered, Secret.class)).as("no Secret is applied from git: they are created with kubectl").isEmpty();
    }

    @Test
    void deploymentRunsTwoOrMoreHardenedReplicas() {
        Deployment deployment = one(rendered, Deployment.class);
        assertThat(deployment.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable()).isEqualTo(new IntOrString(0));
        assertThat(deployment.getSpec().getSelector().getMatchLabels())
                .isEqualTo(Map.copyOf(deployment.getSpec().getTemplate().getMetadata().getLabels()).entrySet().stream()
                        .filter(e -> deployment.getSpec().getSelector().getMatchLabels().containsKey(e.getKey()))
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        assertHardened(deployment);
        Container c = container(deployment);
        assertThat(c.getImage()).as("image set by kustomize images:, pinned").contains(":").doesNotEndWith(":latest");
    }

    @Test
    void probesUseQuarkusHealthEndpointsOnTheHttpPort() {
        Container c = container(one(rendered, Deployment.class));
        assertProbe(c, c.getStartupProbe(), "/q/health/started");
        assertProbe(c, c.getReadinessProbe(), "/q/health/ready");
        assertProbe(c, c.getLivenessProbe(), "/q/health/live");
        assertThat(c.getStartupProbe().getFailureThreshold() * c.getStartupProbe().getPeriodSeconds())
                .as("startup budget (s) covers Flyway migrations").isGreaterThanOrEqualTo(120);
    }

    @Test
    void containerHasResourceRequestsAndLimits() {
        Container c = container(one(rendered, Deployment.class));
        for (String resource : List.of("cpu", "memory")) {
            Quantity request = c.getResources().getRequests().get(resource);
            Quantity limit = c.getResources().getLimits().get(resource);
            assertThat(request).as("request " + resource).isNotNull();
            assertThat(limit).as("limit " + resource).isNotNull();
            assertThat(limit.getNumericalAmount()).as(resource + " limit >= request")
                    .isGreaterThanOrEqualTo(request.getNumericalAmount());
        }
    }

    @Test
    void configComesFromTheConfigMapAndCredentialsFromSecrets() throws IOException {
        Deployment deployment = one(rendered, Deployment.class);
        Container c = container(deployment);
        ConfigMap config = one(rendered, ConfigMap.class);
        assertThat(c.getEnvFrom()).anySatisfy(source -> assertThat(source.getConfigMapRef().getName())
                .isEqualTo(config.getMetadata().getName()));

        String cluster = custom(rendered, CNPG_API, "Cluster").get(0).getMetadata().getName();
        assertDatabaseWiring(c, cluster + "-app");
        assertThat(secretRef(c, "MP_JWT_VERIFY_PUBLICKEY").or(() -> secretRef(c, "MP_JWT_VERIFY_PUBLICKEY_LOCATION")))
                .as("JWT verification key from a Secret").isPresent();
        assertThat(secretRef(c, "LETHE_HMAC_SECRET")).as("HMAC secret from a Secret").isPresent();
        assertThat(secretRef(c, "MP_JWT_VERIFY_PUBLICKEY").get().getName()).isEqualTo("lethe-secrets");
        assertThat(secretRef(c, "LETHE_HMAC_SECRET").get().getName()).isEqualTo("lethe-secrets");
        assertThat(secretRef(c, "LETHE_RECEIPT_SIGNING_KEY")).as("receipt signing key from a Secret")
                .hasValueSatisfying(ref -> assertThat(ref.getName()).isEqualTo("lethe-secrets"));
        for (EnvVar env : c.getEnv()) {
            if (env.getName().matches(".*(PASSWORD|SECRET|PUBLICKEY|SIGNING_KEY).*")) {
                assertThat(env.getValue()).as(env.getName() + " must not be inline").isNull();
            }
        }
        assertEnvReferencesResolve(c);

        // every ConfigMap key is a setting application.properties actually reads
        String properties = Files.readString(Path.of("src/main/resources/application.properties"), StandardCharsets.UTF_8);
        for (String key : config.getData().keySet()) {
            assertThat(key).matches("[A-Z][A-Z0-9_]*");
            assertThat(properties).as("ConfigMap key " + key + " is read by application.properties")
                    .containsAnyOf("${" + key + ":", "${" + key + "}");
        }
    }

    @Test
    void gracefulShutdownFitsInTheTerminationGracePeriod() {
        Deployment deployment = one(rendered, Deployment.class);
        Map<String, String> config = one(rendered, ConfigMap.class).getData();
        Duration delay = duration(config.getOrDefault("LETHE_SHUTDOWN_DELAY", "5s"));
        Duration timeout = duration(config.getOrDefault("LETHE_SHUTDOWN_TIMEOUT", "30s"));
        long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
        assertThat(grace).isGreaterThan(delay.plus(timeout).toSeconds());
    }

    @Test
    void serviceExposesTheHttpPortOfThePods() {
        Deployment deployment = one(rendered, Deployment.class);
        Service service = one(rendered, Service.class);
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getSpec().getPorts()).singleElement()
                .satisfies(p -> assertThat(p.getTargetPort()).isEqualTo(new IntOrString("http")));
        assertThat(httpPort(container(deployment)).getContainerPort()).isEqualTo(8080);
    }

    @Test
    void autoscalerTargetsTheDeployment() {
        Deployment deployment = one(rendered, Deployment.class);
        HorizontalPodAutoscaler hpa = one(rendered, HorizontalPodAutoscaler.class);
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getApiVersion()).isEqualTo("apps/v1");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(deployment.getMetadata().getName());
        assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(hpa.getSpec().getMinReplicas());
        assertThat(hpa.getSpec().getMetrics()).isNotEmpty();
        assertThat(container(deployment).getResources().getRequests()).as("CPU utilisation needs a CPU request")
                .containsKey("cpu");
    }

    @Test
    void disruptionBudgetKeepsOnePodUp() {
        Deployment deployment = one(rendered, Deployment.class);
        PodDisruptionBudget pdb = one(rendered, PodDisruptionBudget.class);
        IntOrString minAvailable = pdb.getSpec().getMinAvailable();
        assertThat(minAvailable).isNotNull();
        assertThat(minAvailable.getIntVal()).as("minAvailable as a number").isGreaterThanOrEqualTo(1);
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
        assertThat(deployment.getSpec().getReplicas()).isGreaterThan(minAvailable.getIntVal());
    }

    @Test
    void networkPolicyAllowsOnlyHttpInAndPostgresAndDnsOut() {
        Deployment deployment = one(rendered, Deployment.class);
        NetworkPolicy policy = assertNetworkPolicy(rendered, deployment);
        String cluster = custom(rendered, CNPG_API, "Cluster").get(0).getMetadata().getName();
        NetworkPolicyEgressRule postgres = policy.getSpec().getEgress().stream()
                .filter(rule -> rule.getPorts().stream().anyMatch(p -> portId(p).equals("5432/TCP"))).findFirst().orElseThrow();
        assertThat(postgres.getTo()).as("PostgreSQL egress only to the CNPG instances").isNotEmpty()
                .allSatisfy(peer -> assertThat(peer.getPodSelector().getMatchLabels()).containsEntry("cnpg.io/cluster", cluster));
    }

    @Test
    void serviceAccountIsTheDeployments() {
        ServiceAccount account = one(rendered, ServiceAccount.class);
        PodSpec pod = one(rendered, Deployment.class).getSpec().getTemplate().getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo(account.getMetadata().getName());
        assertThat(pod.getAutomountServiceAccountToken()).as("Lethe never calls the Kubernetes API").isFalse();
    }

    @Test
    void cloudNativePgClusterBacksTheDatabaseSecret() {
        List<GenericKubernetesResource> clusters = custom(rendered, CNPG_API, "Cluster");
        assertThat(clusters).hasSize(1);
        GenericKubernetesResource cluster = clusters.get(0);
        Map<String, Object> spec = cluster.get("spec");
        assertThat((Integer) spec.get("instances")).isGreaterThanOrEqualTo(1);
        assertThat((String) cluster.get("spec", "imageName")).as("pinned PostgreSQL image")
                .matches("ghcr\\.io/cloudnative-pg/postgresql:\\d+\\.\\d+.*");
        assertThat((String) cluster.get("spec", "bootstrap", "initdb", "database")).isNotBlank();
        assertThat((String) cluster.get("spec", "storage", "size")).isNotBlank();
        int maxConnections = Integer.parseInt(cluster.get("spec", "postgresql", "parameters", "max_connections"));
        int pool = Integer.parseInt(one(rendered, ConfigMap.class).getData().getOrDefault("LETHE_DB_POOL_SIZE", "20"));
        int maxReplicas = one(rendered, HorizontalPodAutoscaler.class).getSpec().getMaxReplicas();
        assertThat(maxReplicas * (pool + 2)).as("connections of all replicas at full scale").isLessThan(maxConnections);
    }

    @Test
    void secretExamplesHoldPlaceholdersOnly() throws IOException {
        List<Path> examples = Manifests.yamlFiles(K8S.resolve("examples"));
        assertThat(examples).isNotEmpty();
        Set<String> notSecret = Set.of("port", "dbname", "username");
        for (Path file : examples) {
            for (Secret secret : all(Manifests.parse(file), Secret.class)) {
                assertThat(secret.getData()).as(file + ": no base64 data").isNullOrEmpty();
                secret.getStringData().forEach((key, value) -> {
                    if (!notSecret.contains(key)) {
                        assertThat(value).as(file + " " + key).contains("REPLACE_ME");
                    }
                });
            }
        }
    }

    @Test
    void kubectlKustomizeRendersTheSameAsTheTestRenderer() throws Exception {
        Optional<String> kubectl = Manifests.kubectl();
        assumeTrue(kubectl.isPresent(), "kubectl not installed: the test renderer alone checked k8s/");
        List<HasMetadata> real = Manifests.kubectlKustomize(kubectl.get(), K8S);
        assertThat(real).containsExactlyInAnyOrderElementsOf(rendered);
    }

    @Test
    void externalPostgresOverlayReplacesTheDatabaseAndKeepsEverythingElse() throws Exception {
        Path overlay = K8S.resolve("overlays/external-postgres");
        Optional<String> kubectl = Manifests.kubectl();
        if (kubectl.isEmpty()) {
            // without kustomize at least the overlay's own files must be valid
            assertThatCode(() -> Manifests.yamlFiles(overlay).forEach(Manifests::parse)).doesNotThrowAnyException();
            assumeTrue(false, "kubectl not installed: overlay rendering not checked");
        }
        List<HasMetadata> objects = Manifests.kubectlKustomize(kubectl.get(), overlay);
        assertThat(custom(objects, CNPG_API, "Cluster")).as("no CloudNativePG cluster").isEmpty();
        Deployment deployment = one(objects, Deployment.class);
        assertHardened(deployment);
        Container c = container(deployment);
        assertDatabaseWiring(c, "lethe-db-external");
        assertThat(c.getEnv()).extracting(EnvVar::getName).contains("QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE");
        assertThat(env(c, "QUARKUS_DATASOURCE_JDBC_URL").getValue()).contains("sslmode=verify-full");
        assertEnvReferencesResolve(c);
        NetworkPolicy policy = assertNetworkPolicy(objects, deployment);
        NetworkPolicyEgressRule postgres = policy.getSpec().getEgress().stream()
                .filter(rule -> rule.getPorts().stream().anyMatch(p -> portId(p).equals("5432/TCP"))).findFirst().orElseThrow();
        assertThat(postgres.getTo()).isNotEmpty().allSatisfy(peer -> assertThat(peer.getIpBlock().getCidr()).isNotBlank());
        assertThat(one(objects, Service.class)).isNotNull();
        assertThat(one(objects, HorizontalPodAutoscaler.class)).isNotNull();
        assertThat(one(objects, PodDisruptionBudget.class)).isNotNull();
    }

    // --- shared assertions ---------------------------------------------------------------------

    static void assertHardened(Deployment deployment) {
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        Container c = container(deployment);
        SecurityContext sc = c.getSecurityContext();
        assertThat(sc.getRunAsNonRoot()).isTrue();
        assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
        assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
        assertThat(sc.getPrivileged()).isNotEqualTo(Boolean.TRUE);
        assertThat(sc.getCapabilities().getDrop()).contains("ALL");
        assertThat(sc.getCapabilities().getAdd()).isNullOrEmpty();
        // the read-only root filesystem leaves /tmp writable through an emptyDir
        VolumeMount tmp = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp")).findFirst()
                .orElseThrow(() -> new AssertionError("no /tmp volume mount"));
        assertThat(tmp.getReadOnly()).isNotEqualTo(Boolean.TRUE);
        Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(tmp.getName())).findFirst().orElseThrow();
        assertThat(volume.getEmptyDir()).as("/tmp is an emptyDir").isNotNull();
    }

    static void assertDatabaseWiring(Container c, String secret) {
        for (String name : List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
            assertThat(secretRef(c, name)).as(name).hasValueSatisfying(ref -> assertThat(ref.getName()).isEqualTo(secret));
        }
        Map<String, String> keys = Map.of("DB_HOST", "host", "DB_PORT", "port", "DB_NAME", "dbname",
                "QUARKUS_DATASOURCE_USERNAME", "username", "QUARKUS_DATASOURCE_PASSWORD", "password");
        keys.forEach((name, key) -> assertThat(secretRef(c, name)).as(name)
                .hasValueSatisfying(ref -> assertThat(ref.getKey()).isEqualTo(key)));
        assertThat(c.getEnv()).filteredOn(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null
                && e.getValueFrom().getSecretKeyRef().getName().startsWith("lethe-db"))
                .allSatisfy(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo(secret));
        assertThat(env(c, "QUARKUS_DATASOURCE_REACTIVE_URL").getValue())
                .startsWith("postgresql://$(DB_HOST):$(DB_PORT)/$(DB_NAME)");
        assertThat(env(c, "QUARKUS_DATASOURCE_JDBC_URL").getValue())
                .startsWith("jdbc:postgresql://$(DB_HOST):$(DB_PORT)/$(DB_NAME)");
    }

    /** $(VAR) in an env value is expanded by Kubernetes only from variables defined before it. */
    static void assertEnvReferencesResolve(Container c) {
        Set<String> defined = new HashSet<>();
        for (EnvVar env : c.getEnv()) {
            if (env.getValue() != null) {
                Matcher m = VAR_REF.matcher(env.getValue());
                while (m.find()) {
                    assertThat(defined).as(env.getName() + " uses $(" + m.group(1) + ")").contains(m.group(1));
                }
            }
            defined.add(env.getName());
        }
    }

    static NetworkPolicy assertNetworkPolicy(List<HasMetadata> objects, Deployment deployment) {
        NetworkPolicy policy = one(objects, NetworkPolicy.class);
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        ContainerPort http = httpPort(container(deployment));
        assertThat(policy.getSpec().getIngress()).isNotEmpty().allSatisfy(rule -> assertThat(rule.getPorts())
                .as("ingress rules name their ports").isNotEmpty()
                .allSatisfy(p -> assertThat(portId(p)).isIn(http.getContainerPort() + "/TCP", http.getName() + "/TCP")));
        Set<String> egressPorts = new HashSet<>();
        for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
            assertThat(rule.getPorts()).as("every egress rule is limited to ports").isNotEmpty();
            rule.getPorts().forEach(p -> egressPorts.add(portId(p)));
            assertThat(rule.getTo()).as("every egress rule names its peers").isNotEmpty();
            for (NetworkPolicyPeer peer : rule.getTo()) {
                if (peer.getIpBlock() != null) {
                    assertThat(peer.getIpBlock().getCidr()).isNotIn("0.0.0.0/0", "::/0");
                }
            }
        }
        assertThat(egressPorts).containsExactlyInAnyOrderElementsOf(PORTS_ALLOWED_OUT);
        return policy;
    }

    static void assertProbe(Container c, Probe probe, String path) {
        assertThat(probe).as(path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        IntOrString port = probe.getHttpGet().getPort();
        ContainerPort http = httpPort(c);
        assertThat(Objects.equals(port.getStrVal(), http.getName()) || Objects.equals(port.getIntVal(), http.getContainerPort()))
                .as(path + " probes the HTTP port").isTrue();
    }

    static ContainerPort httpPort(Container c) {
        return c.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named http"));
    }

    static String portId(NetworkPolicyPort p) {
        IntOrString port = p.getPort();
        String value = port == null ? "*" : port.getIntVal() != null ? port.getIntVal().toString() : port.getStrVal();
        return value + "/" + (p.getProtocol() == null ? "TCP" : p.getProtocol());
    }

    static EnvVar env(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name));
    }

    static Optional<SecretKeySelector> secretRef(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .map(EnvVar::getValueFrom).map(v -> v.getSecretKeyRef());
    }

    static Duration duration(String value) {
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h)").matcher(value.trim());
        assertThat(m.matches()).as("duration " + value).isTrue();
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
