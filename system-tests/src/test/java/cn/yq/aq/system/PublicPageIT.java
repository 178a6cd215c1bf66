package cn.yq.aq.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.testsupport.AtomFeeds;
import cn.yq.aq.testsupport.BootJar;
import cn.yq.aq.testsupport.DemoCity;
import cn.yq.aq.testsupport.GatewaySigner;
import cn.yq.aq.testsupport.InfluxServer;
import cn.yq.aq.testsupport.Json;
import cn.yq.aq.testsupport.MosquittoServer;
import cn.yq.aq.testsupport.RawHttp;
import cn.yq.aq.testsupport.RealServers;
import tools.jackson.databind.JsonNode;

/**
 * The public disclosure end to end: InfluxDB and Mosquitto, target-, alert- and disclosure-service and the gateway
 * (Yangquan's registry); 45 days of hours for one station per county, a boiler over its limit last month, last month
 * closed, a red warning for the city, a reviewer's proposal with a note that must stay private, a subscription secret.
 * The page in a real headless Chromium at a phone's and a desk's width shows the city's AQI, the warning and the
 * ranking the bureau's API gives at that moment (screenshots in {@code target/public-page/}); the feed is Atom and
 * gains an entry when a warning is issued; nothing behind a token leaks; one address gets 429 while another is served.
 */
@RealServers
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublicPageIT {

    static final String BUREAU = "pub-bureau-5d1e", REVIEWER = "pub-reviewer-pd-88a0", PINGDING = "pub-pingding-1c4f";
    static final String PRIVATE_NOTE = "尚在审核中的备注-不得公开-Q7", SUBSCRIPTION_SECRET = "sub-secret-5f2a9c71";
    static final LocalDate TODAY = LocalDate.now(BeijingTime.ZONE);
    static final YearMonth LAST = YearMonth.from(TODAY).minusMonths(1);
    static final Path SHOTS = Path.of("target", "public-page");

    static MosquittoServer mqtt;
    static InfluxServer influx;
    static final List<BootJar> jars = new ArrayList<>();
    static String gateway;

    @BeforeAll
    static void start() throws Exception {
        influx.createDatabase("airquality");
        // one station per county, hours from 45 days ago to now; a boiler three hours over its limit on the 10th of last month
        influx.write("airquality", "s", DemoCity.ambient(ZonedDateTime.now(BeijingTime.ZONE), 45));
        influx.write("airquality", "s", DemoCity.boilerOverItsLimit(LAST.atDay(10)));

        String infra = "--aq.influx.url=" + influx.url();
        BootJar target = start(BootJar.ofRepoModule("target-service", List.of(infra, "--aq.materialization.scheduled=false")));
        BootJar alert = start(BootJar.ofRepoModule("alert-service", List.of(infra, "--aq.mqtt.url=" + mqtt.url(), "--aq.monitor.enabled=false")));
        BootJar disclosure = start(BootJar.ofRepoModule("disclosure-service", List.of("--aq.disclosure.target-url=" + target.url(),
                "--aq.disclosure.alert-url=" + alert.url(), "--aq.disclosure.refresh=2s")));
        BootJar door = start(BootJar.ofRepoModule("gateway", List.of("--aq.gateway.services.target=" + target.url(),
                "--aq.gateway.services.alert=" + alert.url(), "--aq.gateway.services.disclosure=" + disclosure.url(),
                "--aq.gateway.public-rate-limit.burst=40", "--aq.gateway.public-rate-limit.per-second=1",
                "--aq.gateway.auth.clients[0].sha256=" + sha256(BUREAU), "--aq.gateway.auth.clients[0].role=bureau",
                "--aq.gateway.auth.clients[0].id=bureau",
                "--aq.gateway.auth.clients[1].sha256=" + sha256(REVIEWER), "--aq.gateway.auth.clients[1].role=reviewer",
                "--aq.gateway.auth.clients[1].id=reviewer-pingding", "--aq.gateway.auth.clients[1].county=pingding",
                "--aq.gateway.auth.clients[2].sha256=" + sha256(PINGDING), "--aq.gateway.auth.clients[2].role=county",
                "--aq.gateway.auth.clients[2].id=pingding", "--aq.gateway.auth.clients[2].county=pingding")));
        gateway = door.url();

        ok(call("POST", "/api/v1/admin/recompute?from=" + TODAY.minusDays(45) + "&to=" + TODAY, BUREAU, null));
        ok(call("POST", "/api/v1/review/months/" + LAST + "/close", BUREAU, "{\"note\":\"上月数据审核完毕\"}"));
        ok(call("POST", "/api/v1/forecasts", BUREAU, Platform.redForecast("city")));
        // what must never be public: a proposal's note (this month is open), a subscription's secret
        HttpResponse<String> proposed = call("POST", "/api/v1/review/marks", REVIEWER, "{\"target\":\"YQ-PD-01\",\"pollutants\":[\"pm25\"],"
                + "\"from\":\"" + TODAY + "T00:00+08:00\",\"to\":\"" + TODAY + "T01:00+08:00\",\"action\":\"invalidate\","
                + "\"reason\":\"maintenance\",\"note\":\"" + PRIVATE_NOTE + "\"}");
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(201);
        ok(call("PUT", "/api/v1/subscriptions/pingding", BUREAU, "{\"url\":\"http://127.0.0.1:9/hook\",\"secret\":\"" + SUBSCRIPTION_SECRET + "\"}"));
    }

    static BootJar start(BootJar jar) {
        jars.add(jar);
        return jar.start();
    }

    @AfterAll
    static void stop() {
        java.util.Collections.reverse(jars);
        jars.forEach(BootJar::close);
    }

    static String sha256(String token) {
        return Platform.sha256(token);
    }

    static HttpResponse<String> call(String method, String path, String token, String body) {
        return Platform.bearer(gateway, method, path, token, body);
    }

    static void ok(HttpResponse<String> r) {
        assertThat(r.statusCode() / 100).as(r.request().uri() + ": " + r.statusCode() + " " + r.body()).isEqualTo(2);
    }

    static JsonNode bureau(String path) {
        HttpResponse<String> r = call("GET", path, BUREAU, null);
        ok(r);
        return Json.parse(r.body());
    }

    /** What the bureau's API says now: the city's AQI today, the city's warning level, last month's index per county. */
    record Official(Integer cityAqi, int cityYesterday, String cityWarning, Map<String, BigDecimal> index, Map<String, Integer> rank) {
    }

    static Official official() {
        // today so far (no AQI yet in the first hours of the day: the page shows —)
        JsonNode day = Json.only(bureau("/api/v1/aqi/daily?city=true&from=" + TODAY + "&to=" + TODAY)).path("aqi");
        Integer aqi = day.isNumber() ? day.asInt() : null;
        int yesterday = Json.only(bureau("/api/v1/aqi/daily?city=true&from=" + TODAY.minusDays(1) + "&to=" + TODAY.minusDays(1)))
                .path("aqi").asInt();
        String level = Json.element(bureau("/api/v1/warnings/current"), "scope", "city").path("level").asString();
        Map<String, BigDecimal> index = new LinkedHashMap<>();
        Map<String, Integer> rank = new LinkedHashMap<>();
        bureau("/api/v1/index/counties?from=" + LAST.atDay(1) + "&to=" + LAST.atEndOfMonth()).forEach(c -> {
            index.put(c.path("county").asString(), c.path("compositeIndex").decimalValue());
            rank.put(c.path("county").asString(), c.path("rank").asInt());
        });
        return new Official(aqi, yesterday, level, index, rank);
    }

    static ChromeDriver browser(boolean phone) {
        ChromeOptions o = new ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        o.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=zh-CN");
        if (phone) {
            o.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics", Map.of("width", 390, "height", 844, "pixelRatio", 2.0),
                    "userAgent", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36"));
        } else {
            o.addArguments("--window-size=1366,900");
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, o);
    }

    /** The whole page as a PNG (beyond the viewport), kept as the test's artifact. */
    static void screenshot(ChromeDriver d, String name) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> size = (Map<String, Object>) d.executeCdpCommand("Page.getLayoutMetrics", Map.of()).get("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", size.get("width"), "height", size.get("height"), "scale", 1);
        String png = (String) d.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                "clip", clip)).get("data");
        Files.createDirectories(SHOTS);
        Files.write(SHOTS.resolve(name + ".png"), Base64.getDecoder().decode(png));
    }

    @Test
    @Order(1)
    void atAPhonesAndADesksWidthThePageShowsWhatTheBureausApiSays() throws Exception {
        for (boolean phone : new boolean[] {true, false}) {
            ChromeDriver d = browser(phone);
            try {
                Official before = official();
                d.get(gateway + "/public");
                Official after = official();
                String width = phone ? "phone" : "desk";
                assertThat(d.getTitle()).as(width).isEqualTo("阳泉市空气质量信息公开");
                // the figures the bureau reads, at the same moment (the same before and after the page)
                assertThat(before).isEqualTo(after);
                assertThat(d.findElement(By.id("city-aqi")).getText()).as(width)
                        .isEqualTo(after.cityAqi() == null ? "—" : String.valueOf(after.cityAqi()));
                // yesterday's bar of the 30-day chart: its date, AQI and category
                assertThat(d.findElements(By.cssSelector("#today svg rect title")).stream().map(t -> t.getDomProperty("textContent")))
                        .anyMatch(t -> t.startsWith(TODAY.minusDays(1) + " AQI " + after.cityYesterday() + " "));
                WebElement warning = d.findElement(By.cssSelector("#warnings .warn[data-scope=city]"));
                assertThat(warning.getDomAttribute("data-level")).isEqualTo(after.cityWarning()).isEqualTo("red");
                assertThat(warning.getText()).contains("阳泉市 红色预警");
                assertThat(d.findElement(By.id("ranking")).getDomAttribute("data-month")).isEqualTo(LAST.toString());
                List<WebElement> rows = d.findElements(By.cssSelector("#ranking tr[data-county]"));
                assertThat(rows).hasSize(after.index().size()).hasSize(6);
                for (WebElement row : rows) {
                    String county = row.getDomAttribute("data-county");
                    assertThat(new BigDecimal(row.getDomAttribute("data-index"))).as(county).isEqualByComparingTo(after.index().get(county));
                    assertThat(Integer.parseInt(row.getDomAttribute("data-rank"))).as(county).isEqualTo(after.rank().get(county));
                }
                // the boiler's three hours over its limit last month, from reviewed data, by enterprise
                assertThat(d.findElement(By.id("exceedances")).getText()).contains("阳煤平定化工").contains("二氧化硫");
                // the page fits the screen: nothing wider than the viewport (the tables scroll inside their box)
                Number scroll = (Number) ((JavascriptExecutor) d).executeScript("return document.documentElement.scrollWidth;");
                Number inner = (Number) ((JavascriptExecutor) d).executeScript("return window.innerWidth;");
                assertThat(scroll.intValue()).as(width + ": page width").isLessThanOrEqualTo(inner.intValue());
                assertThat(inner.intValue()).isEqualTo(phone ? 390 : 1366);
                screenshot(d, width);
            } finally {
                d.quit();
            }
        }
        assertThat(SHOTS.resolve("phone.png")).exists();
        assertThat(SHOTS.resolve("desk.png")).exists();
    }

    @Test
    @Order(2)
    void theJsonSaysTheSameAndThePublishedMonthsAreTheClosedOnes() {
        HttpResponse<String> aqi = call("GET", "/public/api/v1/aqi", null, null);
        ok(aqi);
        JsonNode today = Json.parse(aqi.body()).path("city").path("today").path("aqi");
        assertThat(today.isNumber() ? (Integer) today.asInt() : null).isEqualTo(official().cityAqi());
        assertThat(Json.parse(aqi.body()).path("city").path("days")).hasSize(30);
        JsonNode list = Json.parse(call("GET", "/public/api/v1/exceedances/" + LAST, null, null).body());
        Json.assertFields(Json.only(list.path("units")), "/enterprise", "阳煤平定化工", "/pollutant", "so2", "/hours", 3);
        HttpResponse<String> thisMonth = call("GET", "/public/api/v1/rankings/" + YearMonth.from(TODAY), null, null);
        assertThat(thisMonth.statusCode()).isEqualTo(404);
        assertThat(Json.parse(thisMonth.body()).path("reason").asString()).isEqualTo("not-published");
        // compressed for whoever asks (a phone's browser does)
        RawHttp.Response gzip = RawHttp.send(null, URI.create(gateway).getPort(), "GET", "/public", Map.of("Accept-Encoding", "gzip"), null);
        assertThat(gzip.status()).isEqualTo(200);
        assertThat(gzip.headers().get("content-encoding")).isEqualTo("gzip");
        // cacheable: the entity tag answers 304, the cache may keep it for the refresh period
        HttpResponse<String> page = call("GET", "/public", null, null);
        assertThat(page.headers().firstValue("Cache-Control").orElse("")).contains("max-age=2").contains("public");
        String etag = page.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = Platform.send(HttpRequest.newBuilder(URI.create(gateway + "/public")).header("If-None-Match", etag).build());
        assertThat(again.statusCode()).isIn(200, 304);
        if (again.statusCode() == 200) { // a new snapshot was made in between: a new tag
            assertThat(again.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
        }
    }

    @Test
    @Order(3)
    void theFeedIsAtomAndGainsAnEntryWhenAWarningIsIssued() {
        AtomFeeds.Feed before = AtomFeeds.parse(call("GET", "/public/feed.atom", null, null).body());
        assertThat(before.entries()).extracting(AtomFeeds.Entry::id).contains("tag:aq.yq.cn,2025:publication/" + LAST);
        assertThat(before.entries()).anyMatch(e -> e.title().contains("红色"));
        ok(call("POST", "/api/v1/forecasts", BUREAU, Platform.redForecast("yuxian")));
        Platform.await("a new entry in the feed", Duration.ofSeconds(30), () -> {
            AtomFeeds.Feed now = AtomFeeds.parse(call("GET", "/public/feed.atom", null, null).body());
            return now.entries().size() == before.entries().size() + 1 && now.entries().get(0).title().contains("盂县");
        });
    }

    @Test
    @Order(4)
    void nothingBehindATokenIsPublic() {
        List<String> bodies = new ArrayList<>();
        for (String path : List.of("/public", "/public/api/v1/aqi", "/public/api/v1/warnings", "/public/api/v1/rankings/" + LAST,
                "/public/api/v1/exceedances/" + LAST, "/public/feed.atom")) {
            HttpResponse<String> r = call("GET", path, null, null);
            ok(r);
            bodies.add(r.body());
        }
        for (String body : bodies) {
            assertThat(body).doesNotContain(PRIVATE_NOTE).doesNotContain(SUBSCRIPTION_SECRET).doesNotContain(BUREAU)
                    .doesNotContain(REVIEWER).doesNotContain(PINGDING).doesNotContain(GatewaySigner.SECRET)
                    // no station or source ids: only what CNEMC itself publishes (the city's and counties' AQI)
                    .doesNotContain("YQ-PD-01").doesNotContain("YQ-PD-B01").doesNotContain("127.0.0.1:9");
        }
        // a token is not needed, and one sent along changes nothing (it is not forwarded)
        HttpResponse<String> withToken = call("GET", "/public/api/v1/warnings", BUREAU, null);
        ok(withToken);
        // everything else still needs one
        assertThat(call("GET", "/api/v1/aqi/daily?city=true&from=" + TODAY + "&to=" + TODAY, null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/v1/review/marks?from=" + TODAY + "&to=" + TODAY, null, null).statusCode()).isEqualTo(401);
        assertThat(call("POST", "/public", null, "{}").statusCode()).isEqualTo(401);
    }

    @Test
    @Order(5)
    void oneAddressBeyondItsLimitGets429WhileAnotherIsServed() {
        int port = URI.create(gateway).getPort();
        int served = 0;
        RawHttp.Response refused = null;
        for (int i = 0; i < 80 && refused == null; i++) {
            RawHttp.Response r = RawHttp.send("127.0.0.5", port, "GET", "/public/api/v1/warnings", Map.of(), null);
            if (r.status() == 429) {
                refused = r;
            } else {
                assertThat(r.status()).isEqualTo(200);
                served++;
            }
        }
        assertThat(refused).as("429 within 80 requests").isNotNull();
        // a burst of 40, one more a second: at least the burst, not much more
        assertThat(served).isBetween(40, 50);
        assertThat(Integer.parseInt(refused.headers().get("retry-after"))).isPositive();
        assertThat(refused.body()).contains("rate-limited");
        assertThat(RawHttp.send("127.0.0.6", port, "GET", "/public/api/v1/warnings", Map.of(), null).status()).isEqualTo(200);
    }
}
