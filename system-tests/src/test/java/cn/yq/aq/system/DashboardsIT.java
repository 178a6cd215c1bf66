package cn.yq.aq.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
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
import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.standards.aqi.Category;
import cn.yq.aq.testsupport.BootJar;
import cn.yq.aq.testsupport.InfluxServer;
import cn.yq.aq.testsupport.MosquittoServer;
import cn.yq.aq.testsupport.MqttTestClient;
import cn.yq.aq.testsupport.RealServers;
import cn.yq.aq.testsupport.RepoPaths;
import cn.yq.aq.testsupport.Json;
import picocli.CommandLine;

import tools.jackson.databind.JsonNode;

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
        // the monitors look back over all the data sent (73 hours), so that their alerts can be compared with the API's
        alert = BootJar.ofRepoModule("alert-service", List.of(infra, "--aq.mqtt.url=" + mqtt.url(), "--aq.monitor.initial-delay=1s",
                "--aq.monitor.every=3s", "--aq.monitor.lookback=4d", "--aq.upstream.target-service-url=")).start();

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
        LocalDate today = LocalDate.now(BeijingTime.ZONE);
        assertThat(Platform.bureau("POST", target.url() + "/api/v1/admin/recompute?from=" + today.minusDays(4) + "&to=" + today, null)
                .statusCode()).isEqualTo(200);
        // the simulator's anomaly day (yesterday) gave the pre-review its suspects; the bureau marks one of them
        // (the second station's NO2 stuck at 47 from 00 to 09): the 数据审核 dashboard shows both
        var suspects = Platform.bureau("GET", target.url() + "/api/v1/review/suspects?from=" + today.minusDays(1) + "&to="
                + today.minusDays(1), null);
        assertThat(suspects.statusCode()).isEqualTo(200);
        assertThat(Json.values(Json.parse(suspects.body()), "rule")).as("one fault of each station rule and two boiler rules")
                .contains("pm25-exceeds-pm10", "constant", "spike", "neighbour-divergence", "negative-or-zero", "o2-ambient", "flow-zero");
        String mark = "{\"target\":\"" + registry.stations().get(1).id() + "\",\"pollutants\":[\"no2\"],\"from\":\""
                + today.minusDays(1) + "T00:00+08:00\",\"to\":\"" + today.minusDays(1) + "T10:00+08:00\",\"action\":\"invalidate\","
                + "\"reason\":\"instrument-fault\",\"note\":\"NO2分析仪停滞\"}";
        assertThat(Platform.bureau("POST", target.url() + "/api/v1/review/marks", mark).statusCode()).isEqualTo(201);
        assertThat(Platform.bureau("POST", alert.url() + "/api/v1/forecasts", Platform.redForecast("city")).statusCode()).isEqualTo(202);
        Platform.await("a warning, a boiler exceedance and a VOCs exceedance in alert_events", Duration.ofSeconds(60), () ->
                influx.scalar("airquality", "SELECT count(id) FROM alert_events WHERE \"type\" = 'HEAVY_POLLUTION_WARNING'") > 0
                        && influx.scalar("airquality", "SELECT count(id) FROM alert_events WHERE \"type\" = 'SOURCE_EXCEEDANCE'") > 0
                        && influx.scalar("airquality", "SELECT count(id) FROM alert_events WHERE \"type\" = 'VOCS_EXCEEDANCE'") > 0);
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
    void theEightDashboardsAreProvisionedWithValidStructure() throws IOException {
        List<Map<String, Object>> all = dashboards();
        assertThat(all).extracting(d -> d.get("title")).containsExactlyInAnyOrder("城市空气质量总览", "县区综合指数排名", "目标进展",
                "锅炉CEMS排放", "VOCs监测", "预警与告警", "系统运行", "数据审核");
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
                    if (error(answer) != null) {
                        failures.add(dashboard + " / " + p.get("title") + ": " + q + " → " + error(answer));
                    }
                    series += Json.parse(answer).path("results").valueStream().mapToInt(r -> r.path("series").size()).sum();
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
                if (error(answer) != null || Json.influxRows(answer).isEmpty()) {
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

    // ---- one source of truth: the dashboards, the REST answers and the alerts show the same figures ----

    /** No dashboard carries a limit, a target or a reference: only variables to choose what to look at. */
    @Test
    @SuppressWarnings("unchecked")
    void dashboardsHoldNoBusinessConstants() throws IOException {
        List<Object> categoryEdges = new ArrayList<>();
        for (Category c : Category.values()) {
            categoryEdges.add(c.minAqi() == 0 ? null : c.minAqi());
        }
        for (Map<String, Object> d : dashboards()) {
            List<Map<String, Object>> variables = (List<Map<String, Object>>) ((Map<String, Object>) d.get("templating")).get("list");
            assertThat(variables).as(d.get("title") + ": variables only choose (no constants)")
                    .allSatisfy(v -> assertThat(v.get("type")).isEqualTo("query"));
            for (Map<String, Object> p : (List<Map<String, Object>>) d.get("panels")) {
                String where = d.get("title") + " / " + p.get("title");
                Map<String, Object> defaults = (Map<String, Object>) ((Map<String, Object>) p.get("fieldConfig")).get("defaults");
                if (defaults.get("thresholds") instanceof Map<?, ?> thresholds) {
                    List<Object> values = ((List<Map<String, Object>>) thresholds.get("steps")).stream().map(x -> x.get("value")).toList();
                    // HJ 633's category edges, or 1 (= 100 % of the source's own limit) on a ratio panel
                    assertThat(values.equals(categoryEdges) || values.equals(java.util.Arrays.asList(null, 1)))
                            .as(where + " thresholds " + values).isTrue();
                }
                for (Map<String, Object> t : (List<Map<String, Object>>) p.get("targets")) {
                    // a number compared in a query is a limit in disguise; only the AQI category level may be compared
                    Matcher m = Pattern.compile("(\"?[a-z_0-9]+\"?)\\s*(>=|<=|>|<|=)\\s*[0-9.]+").matcher((String) t.get("query"));
                    while (m.find()) {
                        assertThat(m.group(1)).as(where + ": " + m.group()).isEqualTo("\"level\"");
                    }
                }
            }
        }
    }

    static final LocalDate TODAY = LocalDate.now(BeijingTime.ZONE);
    /** The API's range and the same range as an InfluxQL time condition (the dashboards' $timeFilter). */
    static final LocalDate FROM = TODAY.minusDays(4);
    static final String RANGE = "time >= '" + FROM.atStartOfDay(BeijingTime.ZONE).toInstant() + "' AND time < '"
            + TODAY.plusDays(1).atStartOfDay(BeijingTime.ZONE).toInstant() + "'";

    @SuppressWarnings("unchecked")
    static String panelQuery(String dashboard, String panel, String refId) throws IOException {
        for (Map<String, Object> d : dashboards()) {
            if (!dashboard.equals(d.get("title"))) {
                continue;
            }
            for (Map<String, Object> p : (List<Map<String, Object>>) d.get("panels")) {
                if (panel.equals(p.get("title"))) {
                    for (Map<String, Object> t : (List<Map<String, Object>>) p.get("targets")) {
                        if (refId.equals(t.get("refId"))) {
                            return (String) t.get("query");
                        }
                    }
                }
            }
        }
        throw new AssertionError("no panel " + dashboard + " / " + panel + " / " + refId);
    }

    /** An InfluxQL answer's rows: the series' tags and the columns by name. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(String answer) {
        Map<String, Object> json = Platform.json(answer);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> result : (List<Map<String, Object>>) json.get("results")) {
            assertThat(result).doesNotContainKey("error");
            for (Map<String, Object> series : (List<Map<String, Object>>) result.getOrDefault("series", List.of())) {
                List<String> columns = (List<String>) series.get("columns");
                for (List<Object> values : (List<List<Object>>) series.get("values")) {
                    Map<String, Object> row = new LinkedHashMap<>((Map<String, Object>) series.getOrDefault("tags", Map.of()));
                    for (int i = 0; i < columns.size(); i++) {
                        row.put(columns.get(i), values.get(i));
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }

    static int integer(Object v) {
        return v == null ? 0 : ((Number) v).intValue();
    }

    /** The hours (epoch seconds) every alert of a type listed as exceeding, per subject (source or station). */
    @SuppressWarnings("unchecked")
    static Map<String, java.util.Set<Long>> alertedHours(String type) {
        List<Map<String, Object>> alerts = Platform.json(Platform.bureau("GET", alert.url() + "/api/v1/alerts?type=" + type
                + "&from=" + FROM + "&to=" + TODAY, null).body());
        Map<String, java.util.Set<Long>> out = new java.util.TreeMap<>();
        for (Map<String, Object> a : alerts) {
            Map<String, Object> details = (Map<String, Object>) a.get("details");
            for (String hour : (List<String>) details.get("exceedingHours")) {
                out.computeIfAbsent((String) a.get("scope"), k -> new java.util.TreeSet<>())
                        .add(java.time.OffsetDateTime.parse(hour).toEpochSecond());
            }
        }
        return out;
    }

    /** The hours (epoch seconds) flagged exceeding in a derived measurement, per subject. */
    static Map<String, java.util.Set<Long>> materialisedHours(String measurement, String subject, List<String> exceedFields) {
        Map<String, java.util.Set<Long>> out = new java.util.TreeMap<>();
        for (Map<String, Object> row : rows(influx.query("airquality", "SELECT " + String.join(", ", exceedFields) + " FROM "
                + measurement + " WHERE " + RANGE + " GROUP BY " + subject, "s"))) {
            if (exceedFields.stream().anyMatch(f -> integer(row.get(f)) == 1)) {
                out.computeIfAbsent((String) row.get(subject), k -> new java.util.TreeSet<>()).add(((Number) row.get("time")).longValue());
            }
        }
        return out;
    }

    @Test
    @SuppressWarnings("unchecked")
    void boilerExceedanceHoursAreTheSameInTheApiTheDashboardAndTheAlerts() throws Exception {
        Map<String, Object> api = Platform.json(Platform.bureau("GET", target.url() + "/api/v1/sources/compliance?from=" + FROM
                + "&to=" + TODAY, null).body());
        Map<String, Map<String, Object>> panel = new LinkedHashMap<>();
        for (Map<String, Object> row : rows(influx.query("airquality", panelQuery("锅炉CEMS排放", "超标小时数（按各锅炉排放限值）", "A")
                .replace("$timeFilter", RANGE), "s"))) {
            panel.put((String) row.get("source"), row);
        }
        Map<String, String> columns = Map.of("nox", "NOx超标小时", "so2", "SO2超标小时", "pm", "颗粒物超标小时");
        int compared = 0;
        for (Map<String, Object> source : (List<Map<String, Object>>) api.get("sources")) {
            String id = (String) source.get("source");
            for (Map<String, Object> p : (List<Map<String, Object>>) source.get("pollutants")) {
                String pollutant = (String) p.get("pollutant");
                assertThat(integer(panel.get(id).get(columns.get(pollutant)))).as(id + " " + pollutant + ": panel = API")
                        .isEqualTo(integer(p.get("exceedanceHours")));
                compared++;
            }
        }
        assertThat(compared).as("every source (6) and pollutant (3)").isEqualTo(18);
        // the simulator's exceeding boiler: 阳泉市热力公司热源厂 YQ-CQ-B01, ultra-low coal, NOx above 50 mg/m³ at 6 % O2
        // from 06:00 to 17:00 each day; the gas (YQ-JQ-B03, YQ-GX-B01) and biomass (YQ-KQ-B02) boilers comply
        assertThat(integer(panel.get("YQ-CQ-B01").get("NOx超标小时"))).isGreaterThanOrEqualTo(24);
        for (String compliant : List.of("YQ-JQ-B03", "YQ-GX-B01", "YQ-KQ-B02")) {
            assertThat(integer(panel.get(compliant).get("NOx超标小时")) + integer(panel.get(compliant).get("SO2超标小时"))
                    + integer(panel.get(compliant).get("颗粒物超标小时"))).as(compliant).isZero();
        }
        // and the alerts list exactly the exceeding hours target-service materialised, boiler by boiler
        Map<String, java.util.Set<Long>> expected = materialisedHours("cems_hourly", "source", List.of("nox_exceed", "so2_exceed", "pm_exceed"));
        assertThat(expected.get("YQ-CQ-B01")).hasSize(integer(panel.get("YQ-CQ-B01").get("NOx超标小时")));
        Platform.await("the SOURCE_EXCEEDANCE alerts list the materialised hours " + expected, Duration.ofSeconds(30),
                () -> alertedHours("SOURCE_EXCEEDANCE").equals(expected));
    }

    @Test
    @SuppressWarnings("unchecked")
    void vocsExceedanceHoursAreTheSameInTheApiTheDashboardAndTheAlerts() throws Exception {
        Map<String, Object> api = Platform.json(Platform.bureau("GET", target.url() + "/api/v1/sources/compliance?from=" + FROM
                + "&to=" + TODAY, null).body());
        Map<String, Map<String, Object>> panel = new LinkedHashMap<>();
        for (Map<String, Object> row : rows(influx.query("airquality", panelQuery("VOCs监测", "NMHC超参考值小时数", "A")
                .replace("$timeFilter", RANGE), "s"))) {
            panel.put((String) row.get("station"), row);
        }
        List<Map<String, Object>> parks = (List<Map<String, Object>>) api.get("vocs");
        assertThat(parks).extracting(p -> p.get("station")).containsExactlyInAnyOrder("YQ-PD-P1", "YQ-YX-P1");
        for (Map<String, Object> park : parks) {
            String id = (String) park.get("station");
            assertThat(integer(panel.get(id).get("超参考值小时"))).as(id + ": panel = API").isEqualTo(integer(park.get("exceedanceHours")));
            assertThat(integer(panel.get(id).get("有效小时"))).as(id).isEqualTo(integer(park.get("validHours")));
            assertThat(((Number) panel.get(id).get("参考值")).doubleValue()).as(id).isEqualTo(((Number) park.get("limit")).doubleValue());
        }
        // the releasing park 平定工业园区 is above 2.0 mg/m³ from 10:00 to 12:00 each day (3 hours a day, 3 days)
        assertThat(integer(panel.get("YQ-PD-P1").get("超参考值小时"))).isGreaterThanOrEqualTo(6);
        Map<String, java.util.Set<Long>> expected = materialisedHours("vocs_hourly", "station", List.of("exceed"));
        Platform.await("the VOCS_EXCEEDANCE alerts list the materialised hours " + expected, Duration.ofSeconds(30),
                () -> alertedHours("VOCS_EXCEEDANCE").equals(expected));
    }

    /** alert-service's observed 24-h AQI of a natural day is target-service's daily AQI of that day, scope by scope. */
    @Test
    @SuppressWarnings("unchecked")
    void theObservedAqiOfTheWarningsIsTheDailyAqiOfTargetService() {
        int compared = 0;
        for (LocalDate day : List.of(TODAY.minusDays(1), TODAY.minusDays(2))) {
            Map<String, Map<String, Object>> daily = new LinkedHashMap<>();
            for (Map<String, Object> row : rows(influx.query("airquality", "SELECT aqi, \"primary\" FROM aqi_daily WHERE time = '"
                    + day.atStartOfDay(BeijingTime.ZONE).toInstant() + "' GROUP BY scope, id", "s"))) {
                daily.put("city".equals(row.get("scope")) ? "city" : (String) row.get("id"), row);
            }
            List<Map<String, Object>> observed = Platform.json(Platform.bureau("GET", alert.url() + "/api/v1/warnings/observed?date="
                    + day, null).body());
            assertThat(observed).extracting(o -> o.get("scope")).contains("city", "chengqu", "kuangqu", "jiaoqu", "pingding", "yuxian",
                    "gaoxin");
            for (Map<String, Object> o : observed) {
                Map<String, Object> d = daily.get((String) o.get("scope"));
                assertThat(o.get("aqi")).as(day + " " + o.get("scope")).isNotNull().isEqualTo(d.get("aqi"));
                assertThat(String.join(",", (List<String>) o.get("primaryPollutants"))).as(day + " " + o.get("scope"))
                        .isEqualTo(d.get("primary"));
                compared++;
            }
        }
        assertThat(compared).isEqualTo(14);
    }

    /** The 目标进展 dashboard shows what /api/v1/targets/progress answers (the current year is configured). */
    @Test
    @SuppressWarnings("unchecked")
    void theTargetProgressPanelsShowTheRestAnswer() throws IOException {
        List<Map<String, Object>> api = Platform.json(Platform.bureau("GET", target.url() + "/api/v1/targets/progress?year="
                + TODAY.getYear(), null).body());
        assertThat(api).as("the current year has targets").isNotEmpty();
        String yearFilter = "time >= '" + TODAY.withDayOfYear(1).atStartOfDay(BeijingTime.ZONE).toInstant() + "' AND time <= now()";
        List<Map<String, Object>> table = rows(influx.query("airquality", panelQuery("目标进展", "各项目标进展", "A")
                .replace("$timeFilter", yearFilter), "s"));
        assertThat(table).hasSameSizeAs(api);
        for (Map<String, Object> p : api) {
            Map<String, Object> row = table.stream().filter(r -> p.get("id").equals(r.get("target"))
                    && p.get("indicator").equals(r.get("indicator"))).findFirst().orElseThrow();
            String what = p.get("id") + " " + p.get("indicator");
            assertThat(((Number) row.get("实际")).doubleValue()).as(what).isEqualTo(((Number) p.get("actual")).doubleValue());
            assertThat(((Number) row.get("目标")).doubleValue()).as(what).isEqualTo(((Number) p.get("target")).doubleValue());
            assertThat(((Number) row.get("全年预计")).doubleValue()).as(what).isEqualTo(((Number) p.get("projection")).doubleValue());
            assertThat(row.get("剩余天数需达到") == null ? null : ((Number) row.get("剩余天数需达到")).doubleValue()).as(what)
                    .isEqualTo(p.get("requiredRest") == null ? null : ((Number) p.get("requiredRest")).doubleValue());
            assertThat(row.get("状态")).as(what).isEqualTo(p.get("status"));
        }
        Map<String, Object> cityPm25 = api.stream().filter(p -> "city".equals(p.get("scope")) && "pm25".equals(p.get("indicator")))
                .findFirst().orElseThrow();
        assertThat(((Number) rows(influx.query("airquality", panelQuery("目标进展", "PM2.5 年均浓度（年初至今，µg/m³）", "A")
                .replace("$timeFilter", yearFilter), "s")).get(0).get("年初至今")).doubleValue())
                .isEqualTo(((Number) cityPm25.get("actual")).doubleValue());
        assertThat(((Number) rows(influx.query("airquality", panelQuery("目标进展", "其余天数需达到的PM2.5均值（µg/m³）", "A")
                .replace("$timeFilter", yearFilter), "s")).get(0).get("剩余天数需达到")).doubleValue())
                .isEqualTo(((Number) cityPm25.get("requiredRest")).doubleValue());
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
            filter = "time >= " + LocalDate.now(BeijingTime.ZONE).withDayOfYear(1).atStartOfDay(BeijingTime.ZONE).toInstant().toEpochMilli() + "ms";
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

    /** The error of an InfluxDB answer (the whole request's or a statement's), or null. */
    static String error(String answer) {
        JsonNode json = Json.parse(answer);
        if (json.has("error")) {
            return json.path("error").asString();
        }
        return json.path("results").valueStream().filter(r -> r.has("error")).map(r -> r.path("error").asString()).findFirst()
                .orElse(null);
    }
}
