package cn.yq.aq.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import cn.yq.aq.registry.RegistryLoader;
import cn.yq.aq.simulator.feed.Stations;
import cn.yq.aq.standards.aqi.Category;
import cn.yq.aq.testsupport.BootJar;
import cn.yq.aq.testsupport.InfluxServer;
import cn.yq.aq.testsupport.MosquittoServer;
import cn.yq.aq.testsupport.MqttTestClient;
import cn.yq.aq.testsupport.RealServers;
import cn.yq.aq.testsupport.RepoPaths;
import picocli.CommandLine;

/**
 * The provisioned Grafana dashboards against a real InfluxDB filled through the real pipeline: the
 * synthetic Yangquan stations and boilers (three days, with an episode, a boiler above its limit and
 * a silent station) published over MQTT to the ingest jar, materialised by the target jar, alerts
 * raised by the alert jar (a forecast and its monitors), ingest's metrics pushed to "telemetry".
 * Every panel's and annotation's InfluxQL runs with Grafana's macros and the dashboard's variables
 * expanded: no errors, and every panel returns series.
 */
@RealServers
class DashboardsIT {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final Path GRAFANA = RepoPaths.resolve("deploy/grafana");
    static final Yaml YAML = new Yaml();

    static MosquittoServer mqtt;
    static InfluxServer influx;
    static BootJar ingest;
    static BootJar target;
    static BootJar alert;

    @BeforeAll
    static void fill() throws Exception {
        influx.createDatabase("airquality");
        String infra = "--aq.influx.url=" + influx.url();
        ingest = BootJar.ofRepoModule("ingest-service", List.of(infra, "--aq.mqtt.url=" + mqtt.url(), "--aq.hj212.port=0",
                "--management.influx.metrics.export.step=2s")).start();
        target = BootJar.ofRepoModule("target-service", List.of(infra, "--aq.materialization.scheduled=false")).start();
        alert = BootJar.ofRepoModule("alert-service", List.of(infra, "--aq.mqtt.url=" + mqtt.url(), "--aq.monitor.initial-delay=1s",
                "--aq.monitor.every=3s", "--aq.upstream.target-service-url=")).start();

        int exit = new CommandLine(new Stations()).execute("--mqtt-url=" + mqtt.url(), "--backfill-days=3", "--username=",
                "--password=");
        assertThat(exit).isZero();
        // what the stations command sends: every station and boiler for each hour from 3 days ago to
        // this hour (73 hours), less the 4 most recent hours of the silent station
        var registry = RegistryLoader.builtIn("yangquan");
        long expected = registry.stations().size() * 73L - 4 + registry.sources().size() * 73L;
        Platform.await(expected + " readings stored", Duration.ofSeconds(60), () ->
                influx.scalar("airquality", "SELECT count(pm25) FROM ambient") + influx.scalar("airquality", "SELECT count(nox) FROM cems")
                        == expected);
        // one bad message, so that the rejections panel has something to show
        try (MqttTestClient bad = new MqttTestClient(mqtt.url(), "dashboards-bad")) {
            bad.publish("aq/v1/ambient/YQ-CQ-01", "{not json");
        }
        LocalDate today = LocalDate.now(CHINA);
        assertThat(Platform.bureau("POST", target.url() + "/api/v1/admin/recompute?from=" + today.minusDays(4) + "&to=" + today, null)
                .statusCode()).isEqualTo(200);
        assertThat(Platform.bureau("POST", alert.url() + "/api/v1/forecasts", Platform.redForecast("city")).statusCode()).isEqualTo(202);
        Platform.await("a warning and a boiler exceedance in alert_events", Duration.ofSeconds(60), () ->
                influx.scalar("airquality", "SELECT count(id) FROM alert_events WHERE \"type\" = 'HEAVY_POLLUTION_WARNING'") > 0
                        && influx.scalar("airquality", "SELECT count(id) FROM alert_events WHERE \"type\" = 'SOURCE_EXCEEDANCE'") > 0);
        Platform.await("ingest's metrics, the rejection among them, in telemetry", Duration.ofSeconds(30), () ->
                influx.scalar("telemetry", "SELECT sum(value) FROM aq_ingest_rejected") >= 1
                        && influx.scalar("telemetry", "SELECT sum(value) FROM aq_ingest_stored") >= expected);
    }

    @AfterAll
    static void stop() {
        Stream.of(alert, target, ingest).filter(java.util.Objects::nonNull).forEach(BootJar::close);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Path file) {
        try {
            return YAML.load(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> dashboards() throws IOException {
        try (Stream<Path> files = Files.list(GRAFANA.resolve("dashboards"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().map(DashboardsIT::json).toList();
        }
    }

    /** Datasource uid → InfluxDB database, from the provisioning file. */
    @SuppressWarnings("unchecked")
    static Map<String, String> datasources() {
        Map<String, Object> file = json(GRAFANA.resolve("provisioning/datasources/influxdb.yml"));
        Map<String, String> out = new LinkedHashMap<>();
        for (Map<String, Object> ds : (List<Map<String, Object>>) file.get("datasources")) {
            assertThat(ds.get("type")).isEqualTo("influxdb");
            out.put((String) ds.get("uid"), (String) ((Map<String, Object>) ds.get("jsonData")).get("dbName"));
        }
        return out;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSevenDashboardsAreProvisionedWithValidStructure() throws IOException {
        List<Map<String, Object>> all = dashboards();
        assertThat(all).extracting(d -> d.get("title")).containsExactlyInAnyOrder("城市空气质量总览", "县区综合指数排名", "目标进展",
                "锅炉CEMS排放", "VOCs监测", "预警与告警", "系统运行");
        assertThat(all).extracting(d -> d.get("uid")).doesNotHaveDuplicates();
        Map<String, String> sources = datasources();
        assertThat(sources).containsEntry("aq-airquality", "airquality").containsEntry("aq-telemetry", "telemetry");
        Map<String, Object> provider = ((List<Map<String, Object>>) json(GRAFANA.resolve("provisioning/dashboards/aq.yml"))
                .get("providers")).get(0);
        assertThat(((Map<String, Object>) provider.get("options")).get("path")).isEqualTo("/var/lib/grafana/dashboards");
        for (Map<String, Object> d : all) {
            assertThat((String) d.get("title")).as("a Chinese title").matches(".*\\p{IsHan}.*");
            List<Map<String, Object>> panels = (List<Map<String, Object>>) d.get("panels");
            assertThat(panels).as(d.get("title") + " has panels").isNotEmpty();
            assertThat(panels).extracting(p -> p.get("id")).doesNotHaveDuplicates();
            for (Map<String, Object> p : panels) {
                String where = d.get("title") + " / " + p.get("title");
                assertThat((String) p.get("title")).as(where).matches(".*\\p{IsHan}.*");
                assertThat(sources).as(where + ": datasource").containsKey(uid(p.get("datasource")));
                Map<String, Object> grid = (Map<String, Object>) p.get("gridPos");
                assertThat((Integer) grid.get("w")).as(where).isPositive();
                assertThat((Integer) grid.get("h")).as(where).isPositive();
                assertThat((Integer) grid.get("x") + (Integer) grid.get("w")).as(where + " fits the 24-column grid").isLessThanOrEqualTo(24);
                List<Map<String, Object>> targets = (List<Map<String, Object>>) p.get("targets");
                assertThat(targets).as(where).isNotEmpty();
                assertThat(targets).extracting(t -> t.get("refId")).doesNotHaveDuplicates();
                for (Map<String, Object> t : targets) {
                    assertThat(t.get("rawQuery")).as(where).isEqualTo(true);
                    assertThat(sources).as(where).containsKey(uid(t.get("datasource")));
                    assertThat((String) t.get("query")).as(where).containsIgnoringCase("SELECT").contains("$timeFilter");
                }
            }
        }
    }

    /** Panels colouring AQI use HJ 633's six category colours at the category edges (0, 51, 101, 151, 201, 301). */
    @Test
    @SuppressWarnings("unchecked")
    void aqiPanelsUseTheOfficialCategoryColours() throws IOException {
        List<Object> expectedValues = new ArrayList<>();
        List<String> expectedColours = new ArrayList<>();
        for (Category c : Category.values()) {
            expectedValues.add(c.minAqi() == 0 ? null : c.minAqi());
            expectedColours.add(c.hex());
        }
        assertThat(expectedColours).containsExactly("#00E400", "#FFFF00", "#FF7E00", "#FF0000", "#99004C", "#7E0023");
        int checked = 0;
        for (Map<String, Object> d : dashboards()) {
            for (Map<String, Object> p : (List<Map<String, Object>>) d.get("panels")) {
                String title = (String) p.get("title");
                List<Map<String, Object>> targets = (List<Map<String, Object>>) p.get("targets");
                boolean aqi = targets.stream().anyMatch(t -> ((String) t.get("query")).matches("(?s)SELECT[^,]*\"aqi\".*FROM \"aqi_.*"))
                        && !title.contains("天数") && !title.contains("比例");
                if (!aqi) {
                    continue;
                }
                Map<String, Object> defaults = (Map<String, Object>) ((Map<String, Object>) p.get("fieldConfig")).get("defaults");
                List<Map<String, Object>> steps = (List<Map<String, Object>>) ((Map<String, Object>) defaults.get("thresholds")).get("steps");
                assertThat(steps).as(d.get("title") + " / " + title).extracting(s -> s.get("value")).containsExactlyElementsOf(expectedValues);
                assertThat(steps).as(d.get("title") + " / " + title).extracting(s -> s.get("color")).containsExactlyElementsOf(expectedColours);
                checked++;
            }
        }
        assertThat(checked).as("AQI panels checked").isGreaterThanOrEqualTo(6);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyPanelQueryRunsAndReturnsSeries() throws IOException {
        Map<String, String> sources = datasources();
        List<String> failures = new ArrayList<>();
        int queries = 0;
        for (Map<String, Object> d : dashboards()) {
            String dashboard = (String) d.get("title");
            String timeFrom = (String) ((Map<String, Object>) d.get("time")).get("from");
            Map<String, String> variables = variables(d, sources);
            for (Map<String, Object> p : (List<Map<String, Object>>) d.get("panels")) {
                String db = sources.get(uid(p.get("datasource")));
                int series = 0;
                for (Map<String, Object> t : (List<Map<String, Object>>) p.get("targets")) {
                    String q = expand((String) t.get("query"), timeFrom, db, variables);
                    String answer = influx.query(db, q, "s");
                    queries++;
                    if (answer.contains("\"error\"")) {
                        failures.add(dashboard + " / " + p.get("title") + ": " + q + " → " + answer);
                    }
                    series += count(answer, "\"columns\"");
                }
                if (series == 0) {
                    failures.add(dashboard + " / " + p.get("title") + ": no series");
                }
            }
            Map<String, Object> annotations = (Map<String, Object>) d.get("annotations");
            for (Map<String, Object> a : (List<Map<String, Object>>) annotations.get("list")) {
                if (a.get("query") == null) {
                    continue; // Grafana's built-in annotations
                }
                String q = expand((String) a.get("query"), timeFrom, sources.get(uid(a.get("datasource"))), variables);
                String answer = influx.query(sources.get(uid(a.get("datasource"))), q, "s");
                queries++;
                if (answer.contains("\"error\"") || !answer.contains("\"columns\"")) {
                    failures.add(dashboard + " / annotation " + a.get("name") + ": " + q + " → " + answer);
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(queries).isGreaterThan(35);
    }

    /** The warning annotations show the warning that was raised, in Chinese. */
    @Test
    void theWarningAnnotationCarriesTheRedWarning() {
        String answer = influx.query("airquality", expand("SELECT \"title\", \"text\" FROM \"alert_events\" WHERE \"type\" = "
                + "'HEAVY_POLLUTION_WARNING' AND $timeFilter", "now-7d", "airquality", Map.of()), "s");
        assertThat(answer).contains("红色");
    }

    static String uid(Object datasource) {
        @SuppressWarnings("unchecked")
        Map<String, Object> ds = (Map<String, Object>) datasource;
        return (String) ds.get("uid");
    }

    /** Values of the dashboard's variables: constants as they are, queries by their first answer. */
    @SuppressWarnings("unchecked")
    static Map<String, String> variables(Map<String, Object> dashboard, Map<String, String> sources) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map<String, Object> v : (List<Map<String, Object>>) ((Map<String, Object>) dashboard.get("templating")).get("list")) {
            String name = (String) v.get("name");
            if ("constant".equals(v.get("type"))) {
                values.put(name, (String) v.get("query"));
            } else if ("query".equals(v.get("type"))) {
                String answer = influx.query(sources.get(uid(v.get("datasource"))), (String) v.get("query"), "s");
                Matcher m = Pattern.compile("\"values\":\\[\\[\"[^\"]*\",\"([^\"]*)\"").matcher(answer);
                assertThat(m.find()).as("variable " + name + " has values: " + answer).isTrue();
                values.put(name, m.group(1));
            }
        }
        return values;
    }

    /**
     * Grafana's expansion for InfluxQL: {@code $timeFilter} from the dashboard's time range,
     * {@code $__interval} at the datasource's minimum interval (1h for airquality, 10s for telemetry),
     * then the variables.
     */
    static String expand(String query, String timeFrom, String db, Map<String, String> variables) {
        String filter;
        if (timeFrom.equals("now/y")) {
            filter = "time >= " + LocalDate.now(CHINA).withDayOfYear(1).atStartOfDay(CHINA).toInstant().toEpochMilli() + "ms";
        } else {
            Matcher m = Pattern.compile("now-(\\d+[smhdw])").matcher(timeFrom);
            assertThat(m.matches()).as("time range " + timeFrom).isTrue();
            filter = "time >= now() - " + m.group(1);
        }
        String interval = db.equals("telemetry") ? "10s" : "1h";
        String q = query.replace("$timeFilter", filter + " and time <= now()")
                .replace("$__interval_ms", db.equals("telemetry") ? "10000" : "3600000").replace("$__interval", interval);
        for (Map.Entry<String, String> v : variables.entrySet()) {
            q = q.replace("$" + v.getKey(), v.getValue());
        }
        assertThat(q).as("every variable expanded").doesNotContain("$");
        return q;
    }

    static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
