package cn.yq.aq.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.testsupport.BootJar;
import cn.yq.aq.testsupport.FreePorts;
import cn.yq.aq.testsupport.InfluxServer;
import cn.yq.aq.testsupport.Json;
import cn.yq.aq.testsupport.MosquittoServer;
import cn.yq.aq.testsupport.PrometheusText;
import cn.yq.aq.testsupport.RawHttp;
import cn.yq.aq.testsupport.RealServers;

import tools.jackson.databind.JsonNode;

/**
 * The gateway in front of the real services (their jars, built earlier in the reactor) on real
 * Mosquitto and InfluxDB: the route × identity matrix, header spoofing, direct calls, rate limit,
 * circuit breaker and SSE.
 */
@RealServers(databases = "airquality")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayIT {

    static final LocalDate DAY = LocalDate.now(BeijingTime.ZONE).minusDays(1);
    static MosquittoServer mqtt;
    static InfluxServer influx;
    static BootJar ingest;
    static BootJar target;
    static BootJar alert;
    static BootJar disclosure;
    static BootJar gateway;
    static String base;

    @BeforeAll
    static void start() {
        // yesterday's hours for a pingding and a yuxian station, to be materialised by the matrix's recompute
        StringBuilder lines = new StringBuilder();
        for (int h = 0; h < 24; h++) {
            long t = DAY.atTime(h, 0).atZone(BeijingTime.ZONE).toEpochSecond();
            for (String s : List.of("YQ-PD-01,county=pingding", "YQ-YX-01,county=yuxian")) {
                lines.append(String.format(Locale.ROOT, "ambient,station=%s,type=provincial,interval=PT1H pm25=40,pm10=70,so2=10,"
                        + "no2=30,co=0.8,o3=60 %d%n", s, t));
            }
        }
        influx.write("airquality", "s", lines.toString().strip());
        String infra = "--aq.influx.url=" + influx.url();
        ingest = BootJar.ofRepoModule("ingest-service", List.of(infra, "--aq.mqtt.url=" + mqtt.url(), "--aq.hj212.port=0")).start();
        target = BootJar.ofRepoModule("target-service", List.of(infra, "--aq.materialization.scheduled=false")).start();
        alert = BootJar.ofRepoModule("alert-service", List.of(infra, "--aq.mqtt.url=" + mqtt.url(), "--aq.monitor.enabled=false")).start();
        disclosure = BootJar.ofRepoModule("disclosure-service", List.of("--aq.disclosure.target-url=" + target.url(),
                "--aq.disclosure.alert-url=" + alert.url())).start();
        List<String> args = new ArrayList<>(List.of("--aq.gateway.services.ingest=" + ingest.url(),
                "--aq.gateway.services.target=" + target.url(), "--aq.gateway.services.alert=" + alert.url(),
                "--aq.gateway.services.disclosure=" + disclosure.url()));
        args.addAll(Door.clients());
        gateway = BootJar.ofModule(args).start();
        base = gateway.url();
    }

    @AfterAll
    static void stop() {
        for (BootJar j : new BootJar[] {gateway, disclosure, alert, target, ingest}) {
            if (j != null) {
                j.close();
            }
        }
    }

    /**
     * One operation of the matrix, the service that serves it (null: the gateway itself) and what each
     * identity gets: 0 = 2xx; 403/404/405 = refused by the gateway; a negative status = the service's
     * own answer (the request reached it).
     */
    record Case(String method, String path, String body, String service, int bureau, int pingding, int yuxian, int station) {

        /** The health probes and the public disclosure's GETs: the same for everyone, token or not. */
        boolean isPublic() {
            return path.startsWith("/actuator/health") || (method.equals("GET") && PUBLIC.contains(path.replaceAll("\\?.*", "")));
        }

        int expected(String who) {
            return switch (who) {
                case "bureau" -> bureau;
                case "county A (pingding)" -> pingding;
                case "county B (yuxian)" -> yuxian;
                case "station YQ-PD-01" -> station;
                default -> isPublic() ? (bureau < 0 ? bureau : 0) : 401;
            };
        }
    }

    static String reading(String station, int hour) {
        return "{\"station\":\"" + station + "\",\"time\":\"" + DAY.atTime(hour, 30) + "+08:00\",\"interval\":\"PT1M\","
                + "\"values\":{\"pm25\":41}}";
    }

    static String forecast() {
        return "{\"scope\":\"pingding\",\"days\":[{\"date\":\"" + DAY.plusDays(2) + "\",\"aqi\":230}]}";
    }

    static final Map<String, String> IDENTITIES = new LinkedHashMap<>();
    static final String CLOSED_NOT = YearMonth.now(BeijingTime.ZONE).minusMonths(1).toString();
    /** The public routes of the matrix (each GET open to anyone). */
    static final List<String> PUBLIC = List.of("/public", "/public/api/v1/aqi", "/public/api/v1/warnings",
            "/public/api/v1/rankings/" + CLOSED_NOT, "/public/api/v1/exceedances/" + CLOSED_NOT, "/public/feed.atom");

    static {
        IDENTITIES.put("none", null);
        IDENTITIES.put("bad token", Door.BAD);
        IDENTITIES.put("bureau", Door.BUREAU);
        IDENTITIES.put("county A (pingding)", Door.PINGDING);
        IDENTITIES.put("county B (yuxian)", Door.YUXIAN);
        IDENTITIES.put("station YQ-PD-01", Door.STATION);
    }

    static List<Case> cases() {
        String d = "from=" + DAY + "&to=" + DAY;
        String period = YearMonth.now(BeijingTime.ZONE).minusMonths(1).toString();
        StringBuilder csv = new StringBuilder("unit,compositeIndex\n");
        for (int i = 1; i <= 20; i++) {
            csv.append(i == 18 ? "平定县" : i == 3 ? "盂县" : "单位" + i).append(',').append(3 + i * 0.1).append('\n');
        }
        int ok = 0;
        int f = 403;
        String t = "target-service";
        String a = "alert-service";
        String p = "disclosure-service";
        String noAlert = "/api/v1/alerts/" + java.util.UUID.randomUUID() + "/ack";
        return List.of(
                new Case("POST", "/api/v1/admin/recompute?" + d, null, t, ok, f, f, f),
                new Case("GET", "/api/v1/stations", null, null, ok, ok, ok, f),
                new Case("GET", "/api/v1/sources", null, null, ok, ok, ok, f),
                new Case("GET", "/api/v1/aqi/realtime?station=YQ-PD-01", null, t, ok, ok, f, f),
                new Case("GET", "/api/v1/aqi/daily?county=pingding&" + d, null, t, ok, ok, f, f),
                new Case("GET", "/api/v1/aqi/daily?station=YQ-YX-01&" + d, null, t, ok, f, ok, f),
                new Case("GET", "/api/v1/aqi/daily?city=true&" + d, null, t, ok, ok, ok, f),
                new Case("GET", "/api/v1/index/counties?" + d, null, t, ok, ok, ok, f),
                new Case("GET", "/api/v1/targets/progress?year=" + DAY.getYear(), null, t, ok, ok, ok, f),
                new Case("GET", "/api/v1/sources/compliance?county=pingding&" + d, null, t, ok, ok, f, f),
                new Case("PUT", "/api/v1/rankings/province/" + period, csv.toString(), t, ok, f, f, f),
                new Case("GET", "/api/v1/rankings/province/" + period, null, t, ok, ok, ok, f),
                new Case("POST", "/api/v1/forecasts", forecast(), a, ok, f, f, f),
                new Case("GET", "/api/v1/warnings/current", null, a, ok, ok, ok, f),
                new Case("GET", "/api/v1/alerts?county=pingding", null, a, ok, ok, f, f),
                new Case("POST", noAlert, null, a, -404, -404, -404, f),
                new Case("PUT", "/api/v1/subscriptions/pingding", "{\"url\":\"http://127.0.0.1:9/hook\",\"secret\":\"0123456789abcdef\"}",
                        a, ok, f, f, f),
                new Case("GET", "/api/v1/subscriptions/pingding", null, a, ok, ok, f, f),
                new Case("DELETE", "/api/v1/subscriptions/pingding", null, a, 405, 405, 405, 405),
                new Case("POST", "/api/v1/readings", reading("YQ-PD-01", 3), "ingest-service", ok, f, f, ok),
                new Case("POST", "/api/v1/readings", reading("YQ-PD-02", 3), "ingest-service", ok, f, f, -403),
                new Case("GET", "/v3/api-docs/target-service", null, t, ok, ok, ok, ok),
                new Case("GET", "/actuator/prometheus", null, null, ok, f, f, f),
                new Case("GET", "/actuator/health", null, null, ok, ok, ok, ok),
                // the public disclosure: open to anyone (a token is not even looked at), only GETs, only these paths;
                // last month is not closed: its ranking and list are the service's own 404 (not published)
                new Case("GET", "/public", null, p, ok, ok, ok, ok),
                new Case("GET", "/public/api/v1/aqi", null, p, ok, ok, ok, ok),
                new Case("GET", "/public/api/v1/warnings", null, p, ok, ok, ok, ok),
                new Case("GET", "/public/api/v1/rankings/" + CLOSED_NOT, null, p, -404, -404, -404, -404),
                new Case("GET", "/public/api/v1/exceedances/" + CLOSED_NOT, null, p, -404, -404, -404, -404),
                new Case("GET", "/public/feed.atom", null, p, ok, ok, ok, ok),
                new Case("POST", "/public", "{}", p, 405, 405, 405, 405),
                new Case("GET", "/public/api/v1/subscriptions", null, p, 404, 404, 404, 404),
                new Case("GET", "/public/api/v1/rankings/2025-13x", null, p, 404, 404, 404, 404));
    }

    /**
     * The path forms of the matrix: the canonical path and its variants (a percent-encoded character
     * and a {@code ;} parameter in each segment, {@code //}, {@code /./}, {@code /../}, a trailing
     * {@code /}, {@code %2f} for a {@code /}, {@code \}, non-ASCII, upper case). The name says which.
     */
    static Map<String, String> forms(String canonical) {
        Map<String, String> forms = new LinkedHashMap<>();
        String[] segments = canonical.substring(1).split("/");
        forms.put("canonical", canonical);
        for (int i = 0; i < segments.length; i++) {
            String[] enc = segments.clone();
            enc[i] = String.format("%%%02x", (int) enc[i].charAt(0)) + enc[i].substring(1);
            forms.put("percent-encoded in segment " + (i + 1), "/" + String.join("/", enc));
            String[] upperEnc = segments.clone();
            upperEnc[i] = String.format("%%%02X", (int) upperEnc[i].charAt(0)) + upperEnc[i].substring(1);
            forms.put("upper-hex percent-encoded in segment " + (i + 1), "/" + String.join("/", upperEnc));
            String[] matrix = segments.clone();
            matrix[i] = matrix[i] + ";x=1";
            forms.put("matrix parameter on segment " + (i + 1), "/" + String.join("/", matrix));
        }
        String first = "/" + segments[0];
        String rest = canonical.substring(first.length());
        if (rest.isEmpty()) { // one segment (/public): the same tricks before it
            first = "";
            rest = canonical;
        }
        forms.put("//", first + "/" + rest);
        forms.put("/./", first + "/." + rest);
        forms.put("/../", first + "/x/.." + rest);
        forms.put("%2e%2e", first + "/x/%2e%2e" + rest);
        forms.put("trailing /", canonical + "/");
        forms.put("%2f", first + "%2f" + rest.substring(1));
        forms.put("%2F", first + "%2F" + rest.substring(1));
        forms.put("backslash", first + "\\" + rest.substring(1));
        forms.put("non-ASCII", canonical + "\u00e9");
        forms.put("upper case", canonical.toUpperCase(Locale.ROOT));
        return forms;
    }

    @Test
    @Order(1)
    void everyRouteForEveryIdentityAndPathFormThroughTheGatewayAndDirect() {
        Map<String, BootJar> services = Map.of("ingest-service", ingest, "target-service", target, "alert-service", alert);
        Map<String, Integer> publicAnswered = new LinkedHashMap<>();
        Map<String, Double> before = new LinkedHashMap<>();
        services.forEach((name, jar) -> before.put(name, admitted(jar)));
        Map<String, Integer> expectedAdmitted = new LinkedHashMap<>();
        services.keySet().forEach(name -> expectedAdmitted.put(name, 0));
        List<String> failures = new ArrayList<>();
        int requests = 0;
        for (Case c : cases()) {
            int q = c.path().indexOf('?');
            String path = q < 0 ? c.path() : c.path().substring(0, q);
            String query = q < 0 ? "" : c.path().substring(q);
            for (Map.Entry<String, String> form : forms(path).entrySet()) {
                boolean canonical = form.getKey().equals("canonical");
                for (Map.Entry<String, String> who : IDENTITIES.entrySet()) {
                    RawHttp.Response r = raw(gatewayPort(), c.method(), form.getValue() + query, who.getValue(), c.body());
                    requests++;
                    int expected = c.expected(who.getKey());
                    boolean good;
                    if (canonical) {
                        good = expected == 0 ? r.status() / 100 == 2 : r.status() == Math.abs(expected);
                        if (c.service() != null && services.containsKey(c.service()) && (expected == 0 || expected < 0)) {
                            expectedAdmitted.merge(c.service(), 1, Integer::sum);
                        }
                        if (good && c.method().equals("GET") && PUBLIC.contains(path)) {
                            publicAnswered.merge(path, 1, Integer::sum);
                            // nothing of who asked reaches the public side, and it answers with its cache headers
                            assertThat(r.body()).doesNotContain(Door.BUREAU).doesNotContain(Door.PINGDING);
                        }
                    } else if (form.getKey().equals("upper case")) {
                        // canonical characters, but no such route: refused at the door, never forwarded
                        good = r.status() == (who.getValue() == null || who.getValue().equals(Door.BAD) ? 401 : 404);
                    } else {
                        good = r.status() == 400;
                    }
                    if (good && canonical && c.path().startsWith("/api/v1/alerts?") && Door.PINGDING.equals(who.getValue())) {
                        assertThat(Json.values(Json.parse(r.body()), "county")).doesNotContain("yuxian");
                    }
                    if (!good) {
                        failures.add(c.method() + " " + form.getValue() + query + " (" + form.getKey() + ") as " + who.getKey()
                                + " via the gateway: expected " + (canonical ? expected : "refused") + ", got " + r.status() + " "
                                + r.body().substring(0, Math.min(160, r.body().length())));
                    }
                }
                if (c.service() != null && services.containsKey(c.service())) {
                    // straight to the service's port: without the gateway's signature nothing is answered,
                    // whatever the path form (an invalid URI may already be refused by the server: 400)
                    BootJar s = services.get(c.service());
                    RawHttp.Response r = raw(port(s), c.method(), form.getValue() + query, Door.BUREAU, c.body());
                    requests++;
                    if (r.status() != 401 && r.status() != 400) {
                        failures.add(c.method() + " " + form.getValue() + query + " (" + form.getKey() + ") straight to " + c.service()
                                + ": expected 401, got " + r.status());
                    }
                }
            }
        }
        assertThat(failures).as(requests + " requests").isEmpty();
        // each public route answered every identity, the one without a token and the one with a bad token included
        PUBLIC.forEach(path -> assertThat(publicAnswered.get(path)).as(path).isEqualTo(IDENTITIES.size()));
        // on the service side: exactly the canonical requests with the right credential got past the wall
        services.forEach((name, jar) -> assertThat(admitted(jar) - before.get(name)).as(name + ": requests admitted")
                .isEqualTo(expectedAdmitted.get(name).doubleValue()));
        assertThat(requests).isGreaterThan(2000);
    }

    static int gatewayPort() {
        return port(gateway);
    }

    static int port(BootJar jar) {
        return URI.create(jar.url()).getPort();
    }

    static RawHttp.Response raw(int port, String method, String target, String token, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (body != null) {
            headers.put("Content-Type", body.startsWith("{") || body.startsWith("[") ? "application/json" : "text/csv");
        }
        return RawHttp.send(port, method, target, headers, body);
    }

    /**
     * The service's count of requests that came with a valid gateway signature, from the gateway's callers (not the
     * other services' own calls: disclosure-service reads target- and alert-service as a service).
     */
    static double admitted(BootJar service) {
        String scrape = service.get("/actuator/prometheus").body();
        return PrometheusText.sum(scrape, "aq_security_requests_total", Map.of("outcome", "admitted"))
                - PrometheusText.sum(scrape, "aq_security_requests_total", Map.of("outcome", "admitted", "role", "service"));
    }

    @Test
    @Order(2)
    void aCountyCannotAckAnotherCountysAlertAndSeesOnlyItsOwnCompliance() {
        Door.Response alerts = Door.call(base, "GET", "/api/v1/alerts?county=pingding&type=HEAVY_POLLUTION_WARNING", Door.BUREAU, null);
        List<String> ids = Json.values(Json.parse(alerts.body()), "id");
        assertThat(ids).as(alerts.body()).isNotEmpty();
        String id = ids.get(0);
        assertThat(Door.call(base, "POST", "/api/v1/alerts/" + id + "/ack", Door.YUXIAN, null).status()).isEqualTo(403);
        assertThat(Door.call(base, "POST", "/api/v1/alerts/" + id + "/ack", Door.STATION, null).status()).isEqualTo(403);
        Door.Response ack = Door.call(base, "POST", "/api/v1/alerts/" + id + "/ack", Door.PINGDING, null);
        assertThat(ack.status()).isEqualTo(200);
        Json.assertFields(Json.parse(ack.body()), "/id", id, "/state", "acknowledged", "/ackedBy", "pingding");
        // without county=, a county's compliance list is narrowed to its own enterprises
        Door.Response own = Door.call(base, "GET", "/api/v1/sources/compliance?from=" + DAY + "&to=" + DAY, Door.PINGDING, null);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body()).contains("YQ-PD-B01").doesNotContain("YQ-YX-B01", "YQ-JQ-B03");
    }

    @Test
    @Order(3)
    void spoofedIdentityHeadersHaveNoEffectAndDirectCallsAreRefused() throws Exception {
        // county A's token with a forged bureau identity in the headers the gateway uses itself
        String forged = "role=bureau;id=bureau;ts=" + (System.currentTimeMillis() / 1000);
        Door.Response r = Door.call(base, "GET", "/api/v1/aqi/daily?county=yuxian&from=" + DAY + "&to=" + DAY, Door.PINGDING, null,
                "X-AQ-Principal", forged, "X-AQ-Principal-Signature", "00".repeat(32));
        assertThat(r.status()).isEqualTo(403);
        r = Door.call(base, "PUT", "/api/v1/subscriptions/yuxian", Door.PINGDING,
                "{\"url\":\"http://evil.example/h\",\"secret\":\"0123456789abcdef\"}", "X-AQ-Principal", forged);
        assertThat(r.status()).isEqualTo(403);
        // no token but a forged identity: still 401
        assertThat(Door.call(base, "GET", "/api/v1/warnings/current", null, null, "X-AQ-Principal", forged).status()).isEqualTo(401);
        // the services themselves refuse what did not come through the gateway
        for (BootJar s : List.of(ingest, target, alert)) {
            HttpResponse<String> direct = Door.fresh().send(HttpRequest.newBuilder(URI.create(s.url() + "/api/v1/warnings/current"))
                    .timeout(Duration.ofSeconds(30))
                    .header("X-AQ-Principal", forged).header("X-AQ-Principal-Signature", "00".repeat(32)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(direct.statusCode()).as(s.url()).isEqualTo(401);
        }
        HttpResponse<String> direct = Door.fresh().send(HttpRequest.newBuilder(URI.create(target.url()
                + "/api/v1/index/counties?from=" + DAY + "&to=" + DAY)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(direct.statusCode()).isEqualTo(401);
        assertThat(direct.body()).contains("请求未经网关认证");
    }

    @Test
    @Order(4)
    void requestIdsAreKeptOrMadeAndTheDocsAreServedInOnePlace() {
        Door.Response r = Door.call(base, "GET", "/api/v1/warnings/current", Door.BUREAU, null, "X-Request-Id", "abc-123");
        assertThat(r.headers().get("x-request-id")).containsExactly("abc-123");
        r = Door.call(base, "GET", "/api/v1/warnings/current", Door.BUREAU, null, "X-Request-Id", "bad/id;" + "x".repeat(80));
        assertThat(r.headers().get("x-request-id").get(0)).matches("[0-9a-f-]{36}");
        // per-route metrics and the refusals by reason
        assertThat(Door.call(base, "GET", "/actuator/prometheus", null, null).status()).isEqualTo(401);
        String metrics = Door.call(base, "GET", "/actuator/prometheus", Door.BUREAU, null).body();
        assertThat(metrics).as("the metrics never name the services' addresses").doesNotContain("routeUri", ingest.url(), target.url());
        assertThat(metrics).contains("spring_cloud_gateway_requests_seconds_count{", "routeId=\"target\"", "routeId=\"alert\"",
                "aq_gateway_refused_total{", "reason=\"forbidden\"", "reason=\"unauthorized\"");
        for (String s : List.of("ingest-service", "target-service", "alert-service")) {
            assertThat(Door.call(base, "GET", "/v3/api-docs/" + s, null, null).status()).isEqualTo(401);
            Door.Response docs = Door.call(base, "GET", "/v3/api-docs/" + s, Door.PINGDING, null);
            assertThat(docs.status()).isEqualTo(200);
            Json.assertFields(Json.parse(docs.body()), "/info/title", s);
        }
    }

    @Test
    @Order(6)
    void theReviewDoorLetsReviewersMarkTheirOwnCountyAndOnlyTheBureauDecide() {
        String mark = "{\"target\":\"YQ-YX-01\",\"pollutants\":[\"pm25\"],\"from\":\"" + DAY + "T02:00+08:00\",\"to\":\""
                + DAY + "T03:00+08:00\",\"action\":\"invalidate\",\"reason\":\"maintenance\",\"note\":\"更换采样头\"}";
        // a reviewer of pingding: its county's data and marks; another county's is refused at the door
        assertThat(Door.call(base, "GET", "/api/v1/review/marks?from=" + DAY + "&to=" + DAY + "&county=pingding", Door.REVIEWER_PINGDING,
                null).status()).isEqualTo(200);
        assertThat(Door.call(base, "GET", "/api/v1/review/marks?from=" + DAY + "&to=" + DAY + "&county=yuxian", Door.REVIEWER_PINGDING,
                null).status()).isEqualTo(403);
        assertThat(Door.call(base, "GET", "/api/v1/aqi/daily?station=YQ-YX-01&from=" + DAY + "&to=" + DAY, Door.REVIEWER_PINGDING,
                null).status()).isEqualTo(403);
        // ... and marking a yuxian station is refused by target-service (the body names the target)
        assertThat(Door.call(base, "POST", "/api/v1/review/marks", Door.REVIEWER_PINGDING, mark).status()).isEqualTo(403);
        // the reviewer of every county proposes; a county cannot; only the bureau decides
        assertThat(Door.call(base, "POST", "/api/v1/review/marks", Door.YUXIAN, mark).status()).isEqualTo(403);
        Door.Response proposed = Door.call(base, "POST", "/api/v1/review/marks", Door.REVIEWER, mark);
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        String id = Json.parse(proposed.body()).path("id").asString();
        assertThat(Door.call(base, "POST", "/api/v1/review/marks/" + id + "/decision", Door.REVIEWER, "{\"decision\":\"approve\"}")
                .status()).isEqualTo(403);
        assertThat(Door.call(base, "POST", "/api/v1/review/marks/" + id + "/decision", Door.BUREAU, "{\"decision\":\"reject\"}")
                .status()).isEqualTo(200);
        // a reviewer reads and marks data, nothing else: no subscriptions, no alerts, no forecasts
        assertThat(Door.call(base, "GET", "/api/v1/alerts?county=pingding", Door.REVIEWER_PINGDING, null).status()).isEqualTo(403);
        // nothing removes or rewrites a mark
        for (String method : List.of("DELETE", "PUT", "PATCH")) {
            assertThat(Door.call(base, method, "/api/v1/review/marks/" + id, Door.BUREAU, method.equals("DELETE") ? null : "{}").status())
                    .as(method).isIn(404, 405);
        }
        assertThat(Door.call(base, "GET", "/api/v1/review/months/" + YearMonth.from(DAY), Door.STATION, null).status()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void serverSentEventsPassThroughAsTheyHappen() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/alerts/stream"))
                .header("Authorization", "Bearer " + Door.PINGDING).header("Accept", "text/event-stream").build();
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        // the endless stream is read on a thread of our own with a client of its own (a blocking body
        // consumer on a shared client's internal threads stalls its later requests)
        java.net.http.HttpClient sse = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        Thread stream = new Thread(() -> {
            try {
                sse.send(request, HttpResponse.BodyHandlers.ofLines()).body().forEach(lines::add);
            } catch (Exception e) {
                lines.add("error: " + e);
            }
        });
        stream.setDaemon(true);
        stream.start();
        Thread.sleep(1500);
        long sent = System.nanoTime();
        Door.Response f = Door.call(base, "POST", "/api/v1/forecasts",
                Door.BUREAU, "{\"scope\":\"pingding\",\"days\":[{\"date\":\"" + DAY.plusDays(2) + "\",\"aqi\":320},"
                        + "{\"date\":\"" + DAY.plusDays(3) + "\",\"aqi\":330},{\"date\":\"" + DAY.plusDays(4) + "\",\"aqi\":340}]}");
        assertThat(f.status()).as(f.body()).isEqualTo(202);
        JsonNode accepted = Json.parse(f.body());
        Json.assertFields(accepted, "/scope", "pingding");
        String id = Json.element(accepted.path("alerts"), "level", "red").path("id").asString();
        String seen = null;
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (seen == null && System.nanoTime() < end) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith("data:") && line.contains(id)) {
                seen = line;
            }
        }
        long latency = System.nanoTime() - sent;
        stream.interrupt();
        assertThat(seen).as("the alert arrives on the open stream").isNotNull();
        Json.assertFields(Json.parse(seen.substring("data:".length())), "/id", id, "/level", "red");
        assertThat(Duration.ofNanos(latency)).as("passed through as it happened, not buffered").isLessThan(Duration.ofSeconds(5));
    }

    @Test
    @Order(7)
    void aStoppedServiceGivesAFast503OnceItsBreakerIsOpen() {
        target.stop();
        List<Door.Response> answers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            answers.add(Door.call(base, "GET", "/api/v1/index/counties?from=" + DAY + "&to=" + DAY, Door.BUREAU, null));
        }
        assertThat(answers).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(503);
            Json.assertFields(Json.parse(a.body()), "/status", 503, "/reason", "service-unavailable", "/title", "服务暂不可用，请稍后重试");
            assertThat(Json.parse(a.body()).path("detail").asString()).startsWith("target-service ");
        });
        // after 5 failures (50 % of at least 5 calls) the breaker is open: answered at once, no connection attempt
        assertThat(Json.parse(Door.call(base, "GET", "/actuator/metrics/resilience4j.circuitbreaker.state?tag=name:target&tag=state:open",
                Door.BUREAU, null).body()).at("/measurements/0/value").doubleValue()).isEqualTo(1.0);
        assertThat(answers.subList(6, 12)).allSatisfy(a -> assertThat(Duration.ofNanos(a.nanos())).isLessThan(Duration.ofSeconds(1)));
        // the other services are not affected
        assertThat(Door.call(base, "GET", "/api/v1/warnings/current", Door.BUREAU, null).status()).isEqualTo(200);
    }

    @Test
    @Order(8)
    void aClientBeyondItsBurstGets429() {
        List<String> args = new ArrayList<>(List.of("--aq.gateway.services.ingest=" + ingest.url(),
                "--aq.gateway.services.target=http://127.0.0.1:" + FreePorts.next(), "--aq.gateway.services.alert=" + alert.url(),
                "--aq.gateway.rate-limit.burst=5", "--aq.gateway.rate-limit.per-second=0.2"));
        args.addAll(Door.clients());
        try (BootJar limited = BootJar.ofModule(args).start()) {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                statuses.add(Door.call(limited.url(), "GET", "/api/v1/warnings/current", Door.YUXIAN, null).status());
            }
            // burst 5: five answered, then refused (0.2 tokens/s refill: nothing back within the test)
            assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 429, 429);
            Door.Response r = Door.call(limited.url(), "GET", "/api/v1/warnings/current", Door.YUXIAN, null);
            assertThat(r.body()).contains("请求过于频繁", "/problems/rate-limited");
            assertThat(r.headers().get("retry-after")).isNotEmpty();
            // per client: another county still gets through
            assertThat(Door.call(limited.url(), "GET", "/api/v1/warnings/current", Door.PINGDING, null).status()).isEqualTo(200);
        }
    }

    @Test
    @Order(9)
    void onlyIdempotentGetsAreRetried() throws Exception {
        // an upstream standing in for target-service that fails each request path's first call with 503
        java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> calls = new java.util.concurrent.ConcurrentHashMap<>();
        com.sun.net.httpserver.HttpServer flaky = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        flaky.createContext("/", exchange -> {
            int n = calls.computeIfAbsent(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(),
                    k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = "[]".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(n == 1 ? 503 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        flaky.start();
        List<String> args = new ArrayList<>(List.of("--aq.gateway.services.ingest=" + ingest.url(),
                "--aq.gateway.services.target=http://127.0.0.1:" + flaky.getAddress().getPort(),
                "--aq.gateway.services.alert=" + alert.url()));
        args.addAll(Door.clients());
        try (BootJar door = BootJar.ofModule(args).start()) {
            // a GET that meets a 503 is tried again and the caller sees the second answer
            assertThat(Door.call(door.url(), "GET", "/api/v1/index/counties?from=" + DAY + "&to=" + DAY, Door.BUREAU, null).status())
                    .isEqualTo(200);
            assertThat(calls.get("GET /api/v1/index/counties")).hasValue(2);
            // a POST is not idempotent: its 503 goes back to the caller, the upstream saw it once
            assertThat(Door.call(door.url(), "POST", "/api/v1/admin/recompute?from=" + DAY + "&to=" + DAY, Door.BUREAU, null).status())
                    .isEqualTo(503);
            assertThat(calls.get("POST /api/v1/admin/recompute")).hasValue(1);
        } finally {
            flaky.stop(0);
        }
    }

}
