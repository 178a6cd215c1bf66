package cn.yq.aq.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.yq.aq.testsupport.FreePorts;
import cn.yq.aq.testsupport.RepoPaths;
import cn.yq.aq.testsupport.Json;

import tools.jackson.databind.JsonNode;

/**
 * The one-command start as a new user meets it: {@code deploy/local/up.sh} (own run folder and free
 * ports) brings up Mosquitto, InfluxDB, the four services and the synthetic stations; the user
 * follows the printed instructions with the printed token file and sees data through the gateway;
 * a second {@code up.sh} starts nothing new; {@code down.sh} leaves no process behind. This is the test that
 * starts every service exactly as shipped (the jar, {@code up.sh}'s JVM options and arguments, the default
 * configuration: no test-only switch such as {@code --aq.hj212.port=0}); the stations' readings reach the
 * figures it checks through that ingest.
 */
class UpDownIT {

    static final Path RUN;

    static {
        try {
            RUN = Files.createTempDirectory("aq-updown");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static final Map<String, String> ENV = new LinkedHashMap<>();
    static String printed;
    static boolean downDone;

    @BeforeAll
    static void up() throws Exception {
        ENV.put("AQ_RUN_DIR", RUN.toString());
        for (String port : List.of("AQ_GATEWAY_PORT", "AQ_INGEST_PORT", "AQ_TARGET_PORT", "AQ_ALERT_PORT", "AQ_DISCLOSURE_PORT", "AQ_INFLUX_PORT",
                "AQ_INFLUX_RPC_PORT", "AQ_MQTT_PORT", "AQ_HJ212_PORT")) {
            ENV.put(port, Integer.toString(FreePorts.next()));
        }
        printed = run("deploy/local/up.sh", Duration.ofMinutes(6));
    }

    @AfterAll
    static void down() throws Exception {
        if (!downDone) {
            run("deploy/local/down.sh", Duration.ofMinutes(2));
        }
    }

    static String run(String script, Duration timeout) throws Exception {
        ProcessBuilder b = new ProcessBuilder("bash", RepoPaths.resolve(script).toString()).redirectErrorStream(true)
                .directory(RepoPaths.root().toFile());
        b.environment().putAll(ENV);
        b.environment().remove("AQ_MQTT_USERNAME");
        b.environment().remove("AQ_MQTT_PASSWORD");
        Path log = Files.createTempFile("aq-" + Path.of(script).getFileName(), ".log");
        b.redirectOutput(log.toFile());
        Process p = b.start();
        p.getOutputStream().close();
        boolean finished = p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
        String out = Files.readString(log);
        if (!finished) {
            p.destroyForcibly();
        }
        assertThat(finished).as(script + " finished in time:\n" + out).isTrue();
        assertThat(p.exitValue()).as(script + ":\n" + out + logs()).isZero();
        return out;
    }

    static String logs() throws IOException {
        StringBuilder b = new StringBuilder();
        try (var files = Files.list(RUN)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                List<String> lines = Files.readAllLines(f);
                b.append("\n--- ").append(f.getFileName()).append('\n')
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
            }
        }
        return b.toString();
    }

    @Test
    void theNewUserFollowsThePrintedInstructionsAndDownStopsEverything() throws Exception {
        // the printed instructions: the token file and curl commands through the gateway
        assertThat(printed).contains(RUN.resolve("tokens.env").toString(), "http://localhost:" + ENV.get("AQ_GATEWAY_PORT"));
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String line : Files.readAllLines(RUN.resolve("tokens.env"))) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                tokens.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        assertThat(tokens).containsKeys("AQ_TOKEN_BUREAU", "AQ_TOKEN_COUNTY_PINGDING", "AQ_MQTT_USERNAME", "AQ_MQTT_PASSWORD");
        Matcher curl = Pattern.compile("curl -H \"Authorization: Bearer \\$(\\w+)\" \"?(http://[^\"\\s]+)\"?").matcher(printed);
        List<String> answers = new ArrayList<>();
        while (curl.find()) {
            HttpResponse<String> r = Platform.send(HttpRequest.newBuilder(URI.create(curl.group(2)))
                    .header("Authorization", "Bearer " + tokens.get(curl.group(1))).timeout(Duration.ofSeconds(60)).build());
            assertThat(r.statusCode()).as(curl.group(2) + ": " + r.body()).isEqualTo(200);
            answers.add(r.body());
        }
        assertThat(answers).as("the printed commands").hasSize(3);
        // data is there: the city's daily AQI of the synthetic history, and the counties ranked
        JsonNode cityDays = Json.parse(answers.get(0));
        assertThat(cityDays.valueStream().anyMatch(d -> d.path("valid").booleanValue() && d.path("aqi").isInt()))
                .as("a valid day with its AQI: " + answers.get(0)).isTrue();
        assertThat(Json.values(Json.parse(answers.get(1)), "rank")).as(answers.get(1)).contains("1");
        // the demo's province table (last month and this one): 119 units, the city's six counties placed
        // by their own composite index, official (not estimated) in that table
        String month = java.time.YearMonth.now(cn.yq.aq.standards.BeijingTime.ZONE).minusMonths(1).toString();
        HttpResponse<String> province = Platform.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ENV.get("AQ_GATEWAY_PORT")
                + "/api/v1/rankings/province/" + month)).header("Authorization", "Bearer " + tokens.get("AQ_TOKEN_BUREAU"))
                .timeout(Duration.ofSeconds(60)).build());
        assertThat(province.statusCode()).as(province.body()).isEqualTo(200);
        Map<String, Object> view = Platform.json(province.body());
        assertThat(view.get("units")).isEqualTo(119);
        assertThat((List<?>) view.get("ours")).hasSize(6).allSatisfy(u -> assertThat(((Map<?, ?>) u).get("estimated")).isEqualTo(false));
        // without the token: refused
        HttpResponse<String> anonymous = Platform.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ENV.get("AQ_GATEWAY_PORT")
                + "/api/v1/warnings/current")).build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        // the public page: no token, the demo's city in it
        HttpResponse<String> page = Platform.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ENV.get("AQ_GATEWAY_PORT")
                + "/public")).timeout(Duration.ofSeconds(60)).build());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("阳泉市空气质量信息公开").contains("平定县");

        // idempotent: a second up.sh starts nothing
        Map<String, String> pids = pids();
        assertThat(pids.keySet()).contains("mosquitto", "influxd", "gateway", "ingest-service", "target-service", "alert-service",
                "disclosure-service", "stations");
        String again = run("deploy/local/up.sh", Duration.ofMinutes(3));
        assertThat(again).doesNotContain("starting ");
        assertThat(pids()).isEqualTo(pids);

        run("deploy/local/down.sh", Duration.ofMinutes(2));
        downDone = true;
        for (Map.Entry<String, String> e : pids.entrySet()) {
            assertThat(ProcessHandle.of(Long.parseLong(e.getValue())).map(ProcessHandle::isAlive).orElse(false))
                    .as(e.getKey() + " (" + e.getValue() + ") still running after down.sh").isFalse();
        }
        try (var files = Files.list(RUN)) {
            assertThat(files.filter(f -> f.toString().endsWith(".pid"))).as("pid files left").isEmpty();
        }
    }

    static Map<String, String> pids() throws IOException {
        Map<String, String> pids = new LinkedHashMap<>();
        try (var files = Files.list(RUN)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".pid")).sorted().toList()) {
                String name = f.getFileName().toString();
                pids.put(name.substring(0, name.length() - 4), Files.readString(f, StandardCharsets.UTF_8).trim());
            }
        }
        return pids;
    }
}
