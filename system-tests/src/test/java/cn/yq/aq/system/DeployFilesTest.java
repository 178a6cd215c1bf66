package cn.yq.aq.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import cn.yq.aq.testsupport.RepoPaths;

/**
 * The compose and Kubernetes files parse, and everything they reference exists: build contexts,
 * Dockerfile and modules, mounted files (the generated ones after {@code prepare.sh}), volumes,
 * services named in depends_on, ConfigMaps and Secrets, probe ports, the HPA's target.
 */
class DeployFilesTest {

    static final Path DEPLOY = RepoPaths.resolve("deploy");
    static final Set<String> SERVICES = Set.of("gateway", "ingest-service", "target-service", "alert-service", "disclosure-service");

    @TempDir
    Path generated;

    /**
     * Raw readings and the review's trail are evidence: no product code or deploy script deletes or drops
     * {@code ambient}, {@code cems}, {@code review_marks} or {@code review_months}; what is deleted (and computed
     * again) is derived only.
     */
    @Test
    void nothingDeletesARawReadingOrAnAuditEntry() throws IOException {
        Pattern delete = Pattern.compile("(?i)(DELETE\\s+FROM|DROP\\s+(SERIES|MEASUREMENT))\\s+\"?([A-Za-z_.\" +]+?)[\" ]*(WHERE|$)",
                Pattern.MULTILINE);
        Set<String> derived = Set.of("aqi_daily", "aqi_daily_raw", "aqi_hourly", "province_ranking", "review_suspects");
        List<String> found = new ArrayList<>();
        List<String> forbidden = new ArrayList<>();
        Path root = RepoPaths.root();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> {
                Path rel = root.relativize(f);
                String n = rel.toString();
                boolean built = rel.getNameCount() > 1 && rel.getName(1).toString().equals("target"); // <module>/target/
                return !built && (n.contains("/src/main/") || n.startsWith("deploy/"))
                        && (n.endsWith(".java") || n.endsWith(".sh") || n.endsWith(".yml") || n.endsWith(".yaml"));
            }).toList()) {
                Matcher m = delete.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    String what = m.group(3).replace("\"", "").replace("+", "").trim();
                    found.add(f.getFileName() + ": " + what);
                    if (!derived.contains(what) && !what.equals("measurement.measurement")) {
                        forbidden.add(f + ": " + m.group());
                    }
                }
            }
        }
        assertThat(found).as("the derived measurements' recomputation is found").isNotEmpty();
        assertThat(forbidden).as("deletes of anything but derived measurements").isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeParsesAndEverythingItReferencesExists() throws Exception {
        prepare();
        Path compose = DEPLOY.resolve("compose");
        Map<String, Object> file = new Yaml().load(Files.readString(compose.resolve("docker-compose.yml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) file.get("services");
        assertThat(services.keySet()).containsExactlyInAnyOrder("mosquitto", "influxdb", "grafana", "gateway", "ingest-service",
                "target-service", "alert-service", "disclosure-service");
        Set<String> namedVolumes = ((Map<String, Object>) file.get("volumes")).keySet();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> e : services.entrySet()) {
            String name = e.getKey();
            Map<String, Object> s = e.getValue();
            if (s.get("healthcheck") == null) {
                problems.add(name + ": no health check");
            }
            if (SERVICES.contains(name)) {
                Map<String, Object> build = (Map<String, Object>) s.get("build");
                Path context = compose.resolve((String) build.get("context")).normalize();
                Path dockerfile = context.resolve((String) build.get("dockerfile"));
                String module = (String) ((Map<String, Object>) build.get("args")).get("MODULE");
                check(problems, name + " dockerfile", dockerfile);
                check(problems, name + " module", context.resolve(module).resolve("pom.xml"));
                assertThat(module).isEqualTo(name);
                assertThat(Files.readString(dockerfile)).contains("ARG MODULE", "-pl ${MODULE}");
            }
            for (Object envFile : (List<Object>) s.getOrDefault("env_file", List.of())) {
                check(problems, name + " env_file", resolve(compose, (String) envFile));
            }
            for (Object volume : (List<Object>) s.getOrDefault("volumes", List.of())) {
                String source = ((String) volume).split(":")[0];
                if (source.startsWith(".") || source.startsWith("/")) {
                    check(problems, name + " mount", resolve(compose, source));
                } else if (!namedVolumes.contains(source)) {
                    problems.add(name + ": volume " + source + " is not declared");
                }
            }
            Object dependsOn = s.get("depends_on");
            if (dependsOn instanceof Map<?, ?> m) {
                for (Object dep : m.keySet()) {
                    if (!services.containsKey(dep)) {
                        problems.add(name + ": depends on unknown " + dep);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        // Grafana gets the provisioning that the dashboards test checks
        assertThat((List<String>) services.get("grafana").get("volumes"))
                .contains("../grafana/provisioning:/etc/grafana/provisioning:ro", "../grafana/dashboards:/var/lib/grafana/dashboards:ro");
        String secrets = Files.readString(generated.resolve("secrets.env"));
        for (String key : List.of("AQ_GATEWAY_SECRET", "AQ_INFLUX_PASSWORD", "GF_SECURITY_ADMIN_PASSWORD", "AQ_MQTT_INGEST_PASSWORD",
                "AQ_MQTT_ALERT_PASSWORD")) {
            assertThat(secrets).as(key).containsPattern("(?m)^" + key + "=\\S{8,}$");
        }
        // run again: nothing is renewed
        prepare();
        assertThat(Files.readString(generated.resolve("secrets.env"))).isEqualTo(secrets);
    }

    @Test
    @SuppressWarnings("unchecked")
    void kubernetesManifestsParseAndTheirReferencesResolve() throws Exception {
        Path k8s = DEPLOY.resolve("k8s");
        Map<String, Object> kustomization = new Yaml().load(Files.readString(k8s.resolve("kustomization.yaml")));
        List<Map<String, Object>> objects = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Object resource : (List<Object>) kustomization.get("resources")) {
            Path p = k8s.resolve((String) resource);
            check(problems, "resource", p);
            for (Object doc : new Yaml().loadAll(Files.readString(p))) {
                if (doc != null) {
                    objects.add((Map<String, Object>) doc);
                }
            }
        }
        Set<String> configMaps = new HashSet<>();
        for (Map<String, Object> g : (List<Map<String, Object>>) kustomization.get("configMapGenerator")) {
            configMaps.add((String) g.get("name"));
            for (Object f : (List<Object>) g.get("files")) {
                check(problems, "generated ConfigMap " + g.get("name"), k8s.resolve((String) f).normalize());
            }
        }
        try (Stream<Path> dashboards = Files.list(DEPLOY.resolve("grafana/dashboards"))) {
            long count = dashboards.filter(f -> f.toString().endsWith(".json")).count();
            long listed = ((List<Map<String, Object>>) kustomization.get("configMapGenerator")).stream()
                    .filter(g -> g.get("name").equals("grafana-dashboards")).mapToLong(g -> ((List<Object>) g.get("files")).size()).sum();
            assertThat(listed).as("every dashboard is in the Grafana ConfigMap").isEqualTo(count);
        }
        Set<String> workloads = new HashSet<>();
        List<Map<String, Object>> podLabels = new ArrayList<>();
        for (Map<String, Object> o : objects) {
            assertThat(o).containsKeys("apiVersion", "kind", "metadata");
            String name = (String) ((Map<String, Object>) o.get("metadata")).get("name");
            assertThat(name).isNotBlank();
            if (o.get("kind").equals("ConfigMap")) {
                configMaps.add(name);
            }
        }
        String readme = Files.readString(k8s.resolve("README.md"));
        Set<String> secrets = new HashSet<>();
        Matcher m = Pattern.compile("create secret generic (\\S+)").matcher(readme);
        while (m.find()) {
            secrets.add(m.group(1));
        }
        assertThat(secrets).contains("aq-secrets");
        for (Map<String, Object> o : objects) {
            String kind = (String) o.get("kind");
            String name = (String) ((Map<String, Object>) o.get("metadata")).get("name");
            if (!kind.equals("Deployment") && !kind.equals("StatefulSet")) {
                continue;
            }
            workloads.add(name);
            Map<String, Object> template = (Map<String, Object>) ((Map<String, Object>) o.get("spec")).get("template");
            podLabels.add((Map<String, Object>) ((Map<String, Object>) template.get("metadata")).get("labels"));
            Map<String, Object> pod = (Map<String, Object>) template.get("spec");
            for (Map<String, Object> c : (List<Map<String, Object>>) pod.get("containers")) {
                Set<Object> ports = new HashSet<>();
                for (Map<String, Object> p : (List<Map<String, Object>>) c.get("ports")) {
                    ports.add(p.get("containerPort"));
                }
                for (String probe : List.of("readinessProbe", "livenessProbe")) {
                    Map<String, Object> pr = (Map<String, Object>) c.get(probe);
                    if (pr == null) {
                        problems.add(name + ": no " + probe);
                        continue;
                    }
                    Map<String, Object> action = (Map<String, Object>) (pr.containsKey("httpGet") ? pr.get("httpGet") : pr.get("tcpSocket"));
                    if (!ports.contains(action.get("port"))) {
                        problems.add(name + ": " + probe + " on port " + action.get("port") + " the container does not open");
                    }
                }
                refs(c, "configMapRef", configMaps, name, problems);
                refs(c, "secretRef", secrets, name, problems);
                refs(c, "secretKeyRef", secrets, name, problems);
            }
            for (Map<String, Object> v : (List<Map<String, Object>>) pod.getOrDefault("volumes", List.of())) {
                if (v.get("configMap") != null && !configMaps.contains(((Map<String, Object>) v.get("configMap")).get("name"))) {
                    problems.add(name + ": unknown ConfigMap " + v.get("configMap"));
                }
                if (v.get("secret") != null && !secrets.contains(((Map<String, Object>) v.get("secret")).get("secretName"))) {
                    problems.add(name + ": Secret " + v.get("secret") + " is not created in README.md");
                }
            }
        }
        assertThat(workloads).containsAll(SERVICES).contains("mosquitto", "influxdb", "grafana");
        for (Map<String, Object> o : objects) {
            String name = (String) ((Map<String, Object>) o.get("metadata")).get("name");
            Map<String, Object> spec = (Map<String, Object>) o.get("spec");
            if (o.get("kind").equals("Service")) {
                Map<String, Object> selector = (Map<String, Object>) spec.get("selector");
                if (podLabels.stream().noneMatch(l -> l.entrySet().containsAll(selector.entrySet()))) {
                    problems.add("Service " + name + " selects no pods: " + selector);
                }
            }
            if (o.get("kind").equals("HorizontalPodAutoscaler")) {
                String targetName = (String) ((Map<String, Object>) spec.get("scaleTargetRef")).get("name");
                assertThat(targetName).isEqualTo("ingest-service");
                assertThat(workloads).contains(targetName);
            }
        }
        assertThat(problems).isEmpty();
    }

    /** Every {@code key: {name: …}} anywhere under {@code node} must name a known object. */
    private static void refs(Object node, String key, Set<String> known, String where, List<String> problems) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getKey().equals(key) && e.getValue() instanceof Map<?, ?> ref && !known.contains(ref.get("name"))) {
                    problems.add(where + ": " + key + " to unknown " + ref.get("name"));
                }
                refs(e.getValue(), key, known, where, problems);
            }
        } else if (node instanceof List<?> list) {
            list.forEach(item -> refs(item, key, known, where, problems));
        }
    }

    private void prepare() throws IOException, InterruptedException {
        ProcessBuilder b = new ProcessBuilder("bash", DEPLOY.resolve("compose/prepare.sh").toString()).redirectErrorStream(true);
        b.environment().put("AQ_COMPOSE_GENERATED", generated.toString());
        Process p = b.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
    }

    private Path resolve(Path compose, String path) {
        return path.startsWith("generated/") || path.startsWith("./generated/")
                ? generated.resolve(path.substring(path.indexOf("generated/") + "generated/".length()))
                : compose.resolve(path).normalize();
    }

    private static void check(List<String> problems, String what, Path path) {
        if (!Files.exists(path)) {
            problems.add(what + ": " + path + " does not exist");
        }
    }
}
