package io.lethe.ops;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Reads the k8s/ manifests with the Fabric8 Kubernetes model. {@link #render(Path)} is a minimal
 * kustomize (resources: files and directories, images:) that refuses anything it does not
 * implement, so it never silently differs from {@code kubectl kustomize}; {@link #kubectlKustomize}
 * uses the real one when kubectl is installed.
 */
final class Manifests {
    static final Path K8S = Path.of("k8s");
    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> SUPPORTED_KEYS = Set.of("apiVersion", "kind", "resources", "images");

    private Manifests() {
    }

    /** Every object of a (multi-document) YAML file. */
    static List<HasMetadata> parse(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    static List<HasMetadata> parse(String yaml) {
        Object parsed = SERIALIZATION.unmarshal(yaml);
        List<HasMetadata> out = new ArrayList<>();
        if (parsed instanceof Collection<?> list) {
            list.stream().filter(o -> o != null).forEach(o -> out.add((HasMetadata) o));
        } else if (parsed instanceof io.fabric8.kubernetes.api.model.KubernetesList list) {
            out.addAll(list.getItems());
        } else if (parsed != null) {
            out.add((HasMetadata) parsed);
        }
        return out;
    }

    /** All *.yaml / *.yml files below a directory, sorted. */
    static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
    }

    /** Minimal kustomize build of a directory holding a kustomization.yaml. */
    @SuppressWarnings("unchecked")
    static List<HasMetadata> render(Path dir) {
        Path kustomization = dir.resolve("kustomization.yaml");
        Map<String, Object> k;
        try {
            k = YAML.readValue(kustomization.toFile(), Map.class);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + kustomization, e);
        }
        for (String key : k.keySet()) {
            if (!SUPPORTED_KEYS.contains(key)) {
                throw new UnsupportedOperationException(kustomization + ": the test renderer does not implement '" + key
                        + "'; extend Manifests.render or render with kubectl kustomize");
            }
        }
        List<HasMetadata> objects = new ArrayList<>();
        for (String resource : (List<String>) k.getOrDefault("resources", List.of())) {
            Path path = dir.resolve(resource).normalize();
            objects.addAll(Files.isDirectory(path) ? render(path) : parse(path));
        }
        for (Map<String, Object> image : (List<Map<String, Object>>) k.getOrDefault("images", List.of())) {
            String name = (String) image.get("name");
            String newName = (String) image.getOrDefault("newName", name);
            String newTag = (String) image.get("newTag");
            for (HasMetadata o : objects) {
                podSpec(o).ifPresent(spec -> Stream.concat(spec.getContainers().stream(),
                        spec.getInitContainers() == null ? Stream.empty() : spec.getInitContainers().stream())
                        .filter(c -> imageName(c.getImage()).equals(name))
                        .forEach(c -> c.setImage(newTag == null ? newName : newName + ":" + newTag)));
            }
        }
        return objects;
    }

    private static String imageName(String image) {
        String noDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int slash = noDigest.lastIndexOf('/');
        int colon = noDigest.lastIndexOf(':');
        return colon > slash ? noDigest.substring(0, colon) : noDigest;
    }

    static Optional<PodSpec> podSpec(HasMetadata o) {
        return o instanceof Deployment d ? Optional.of(d.getSpec().getTemplate().getSpec()) : Optional.empty();
    }

    /** kubectl, when installed (any version with built-in kustomize). */
    static Optional<String> kubectl() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    /** {@code kubectl kustomize dir}: offline, no cluster needed. */
    static List<HasMetadata> kubectlKustomize(String kubectl, Path dir) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(kubectl, "kustomize", dir.toString()).redirectErrorStream(false).start();
        byte[] out;
        byte[] err;
        try (InputStream stdout = process.getInputStream(); InputStream stderr = process.getErrorStream()) {
            out = stdout.readAllBytes();
            err = stderr.readAllBytes();
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("kubectl kustomize " + dir + " timed out");
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("kubectl kustomize " + dir + " failed: " + new String(err, StandardCharsets.UTF_8));
        }
        return parse(new String(out, StandardCharsets.UTF_8));
    }

    static <T extends HasMetadata> List<T> all(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type) {
        List<T> found = all(objects, type);
        if (found.size() != 1) {
            throw new AssertionError("expected exactly one " + type.getSimpleName() + ", found " + found.size());
        }
        return found.get(0);
    }

    static List<GenericKubernetesResource> custom(List<HasMetadata> objects, String apiVersion, String kind) {
        return all(objects, GenericKubernetesResource.class).stream()
                .filter(r -> apiVersion.equals(r.getApiVersion()) && kind.equals(r.getKind())).toList();
    }

    static Container container(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        if (containers.size() != 1) {
            throw new AssertionError("expected one container in " + deployment.getMetadata().getName());
        }
        return containers.get(0);
    }

    /**
     * Fields the typed model did not recognise (typos such as readOnlyRootFileSystem end up in
     * additionalProperties instead of failing), as "Type.path" strings.
     */
    static List<String> unknownFields(Object model) {
        List<String> unknown = new ArrayList<>();
        collectUnknown(model, model.getClass().getSimpleName(), unknown, new IdentityHashMap<>());
        return unknown;
    }

    private static void collectUnknown(Object o, String path, List<String> unknown, Map<Object, Boolean> seen) {
        if (o == null || seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object item : c) {
                collectUnknown(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((key, value) -> collectUnknown(value, path + "." + key, unknown, seen));
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model") || o instanceof GenericKubernetesResource) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || !m.getName().startsWith("get")
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = m.invoke(o);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (m.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + " " + extra.keySet());
                }
            } else {
                collectUnknown(value, path + "." + Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4),
                        unknown, seen);
            }
        }
    }
}
