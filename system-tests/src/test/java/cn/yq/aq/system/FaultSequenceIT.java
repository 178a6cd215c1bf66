package cn.yq.aq.system;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.testsupport.BootJar;
import cn.yq.aq.testsupport.InfluxServer;
import cn.yq.aq.testsupport.MosquittoServer;
import cn.yq.aq.testsupport.MqttTestClient;
import cn.yq.aq.testsupport.MqttTestClient.Message;
import cn.yq.aq.testsupport.RealServers;
import cn.yq.aq.testsupport.Json;

import tools.jackson.databind.JsonNode;

/**
 * The platform under a steady load of readings and changing warnings for six counties, through five
 * faults one after another, as an operator would meet them: ingest killed (SIGKILL) for 10 s;
 * InfluxDB stopped; Mosquitto restarted; the counties' receivers answering 503 and then refusing
 * connections; and finally alert-service killed right after a burst of warnings, holding 2,000
 * retained state documents and deliveries pending, then started again. Afterwards every reading the
 * broker acknowledged is stored, every alert reached its county once and in order, each receiver's
 * last level is {@code /api/v1/warnings/current}, and every service is healthy. The outages are
 * shortened (InfluxDB 30 s, receivers 20 s of 503 and 40 s refused) to keep CI short; the durations
 * of the issue's run are {@code -Daq.faults.scale=2}.
 */
@RealServers(databases = "airquality")
class FaultSequenceIT {

    static final List<String> COUNTIES = List.of("chengqu", "kuangqu", "jiaoqu", "pingding", "yuxian", "gaoxin");
    /** The Yangquan registry's stations (cn.yq.aq.registry reads the same file). */
    static final List<String> STATIONS = cn.yq.aq.registry.RegistryLoader.builtIn("yangquan").stations().stream()
            .map(cn.yq.aq.registry.Station::id).toList();
    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    static final double SCALE = Double.parseDouble(System.getProperty("aq.faults.scale", "1"));

    static MosquittoServer mqtt;
    static InfluxServer influx;

    final Map<String, List<String>> raised = new ConcurrentHashMap<>();
    /** The (station, minute) of every reading the broker acknowledged. */
    final java.util.Set<String> acked = ConcurrentHashMap.newKeySet();
    /** What the receivers got before they were replaced (a stopped WireMock keeps no journal for the new one). */
    final List<ServeEvent> archive = Collections.synchronizedList(new ArrayList<>());
    final AtomicBoolean loading = new AtomicBoolean(true);

    static Duration scaled(int seconds) {
        return Duration.ofMillis((long) (seconds * 1000 * SCALE));
    }

    @Test
    void fiveFaultsInARowLoseNothingAndEveryServiceRecovers() throws Exception {
        WireMockServer receivers = new WireMockServer(wireMockConfig().dynamicPort());
        receivers.start();
        int receiverPort = receivers.port();
        answer(receivers, 200);
        String infra = "--aq.influx.url=" + influx.url();
        String broker = "--aq.mqtt.url=" + mqtt.url();
        List<BootJar> jars = new ArrayList<>();
        BootJar ingest = start(jars, BootJar.ofRepoModule("ingest-service", List.of(infra, broker, "--aq.hj212.port=0")));
        BootJar target = start(jars, BootJar.ofRepoModule("target-service", List.of(infra, "--aq.materialization.scheduled=false")));
        BootJar alert = start(jars, BootJar.ofRepoModule("alert-service", List.of(infra, broker, "--aq.monitor.enabled=false",
                "--aq.upstream.target-service-url=", "--aq.delivery.initial-backoff=200ms", "--aq.delivery.max-backoff=2s")));
        Thread load = null;
        Thread warnings = null;
        try {
            for (String c : COUNTIES) {
                raised.put(c, Collections.synchronizedList(new ArrayList<>()));
                HttpResponse<String> s = Platform.bureau("PUT", alert.url() + "/api/v1/subscriptions/" + c,
                        "{\"url\":\"http://127.0.0.1:" + receiverPort + "/hook/" + c + "\",\"secret\":\"" + c + "-secret-0123456789\"}");
                assertThat(s.statusCode()).as(s.body()).isEqualTo(200);
            }
            long t0 = System.nanoTime();
            load = daemon("load", this::loadReadings);
            warnings = daemon("warnings", () -> changeWarnings(alert));
            pause(scaled(10));

            // 1. ingest killed for 10 s
            ingest.kill();
            pause(Duration.ofSeconds(10));
            ingest.start();
            log(t0, "ingest back");
            caughtUp(t0, "after the ingest kill");
            // 2. InfluxDB stopped
            influx.stop();
            pause(scaled(30));
            influx.start();
            log(t0, "InfluxDB back");
            caughtUp(t0, "after the InfluxDB outage");
            // 3. Mosquitto restarted
            mqtt.stop();
            pause(Duration.ofSeconds(2));
            mqtt.start();
            log(t0, "Mosquitto back");
            caughtUp(t0, "after the Mosquitto restart");
            // 4. the receivers answer 503, then refuse connections
            answer(receivers, 503);
            pause(scaled(20));
            archive.addAll(oldestFirst(receivers));
            receivers.stop();
            pause(scaled(40));
            receivers = new WireMockServer(wireMockConfig().port(receiverPort));
            receivers.start();
            answer(receivers, 200);
            log(t0, "receivers back");
            // 5. alert-service killed after a burst, with 2,000 retained state documents and deliveries pending
            try (MqttTestClient history = new MqttTestClient(mqtt.url(), "faults-history")) {
                for (int i = 0; i < 2000; i++) {
                    history.publishRetained("aq/v1/state/episodes/history/ST-" + i,
                            ("{\"open\":false,\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
                }
            }
            warnings.interrupt();
            warnings.join(Duration.ofSeconds(30).toMillis());
            assertThat(warnings.isAlive()).as("the warnings thread stops when interrupted").isFalse();
            answer(receivers, 503);
            int before = raised.values().stream().mapToInt(List::size).sum();
            for (int i = 0; raised.values().stream().mapToInt(List::size).sum() < before + 500; i++) {
                raise(alert, COUNTIES.get(i % COUNTIES.size()), (i / COUNTIES.size()) % 2 == 0);
            }
            log(t0, "500 deliveries pending; alert-service killed");
            alert.kill();
            answer(receivers, 200);
            long restart = System.nanoTime();
            alert.start(); // returns once its health is UP
            log(t0, String.format(Locale.ROOT, "alert-service healthy %.1f s after its restart (JVM start included)",
                    (System.nanoTime() - restart) / 1e9));
            loading.set(false);
            load.join();

            // every reading the broker acknowledged is stored (at most the last unconfirmed batch more)
            long expected = acked.size();
            try {
                Platform.await(expected + " readings stored", Duration.ofSeconds(90),
                        () -> influx.scalar("airquality", "SELECT count(pm25) FROM ambient") >= expected);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; stored " + influx.scalar("airquality", "SELECT count(pm25) FROM ambient")
                        + "; missing " + missing(5) + "\ningest:\n" + ingest.logTail(), e);
            }
            assertThat(influx.scalar("airquality", "SELECT count(pm25) FROM ambient")).isLessThanOrEqualTo(expected + 20.0);
            // every alert delivered once, in order, per county; the last level is the current one
            WireMockServer r = receivers;
            for (String c : COUNTIES) {
                List<String> ids = List.copyOf(raised.get(c));
                Platform.await(ids.size() + " alerts at " + c, Duration.ofSeconds(90), () -> delivered(r, c).size() >= ids.size());
            }
            log(t0, "every alert delivered");
            // and no more: a duplicate would arrive within 1.5 s
            org.awaitility.Awaitility.await("no duplicate delivery").during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                    .until(() -> COUNTIES.stream().allMatch(c -> delivered(r, c).size() == raised.get(c).size()));
            JsonNode current = Json.parse(Platform.bureau("GET", alert.url() + "/api/v1/warnings/current", null).body());
            for (String c : COUNTIES) {
                List<String[]> got = delivered(r, c);
                assertThat(got).as(c).extracting(x -> x[0]).containsExactlyElementsOf(raised.get(c));
                String last = got.get(got.size() - 1)[1];
                Json.assertFields(Json.element(current, "scope", c), "/level", "lifted".equals(last) ? "none" : last);
            }
            for (BootJar j : jars) {
                assertThat(j.get("/actuator/health").statusCode()).as(j.logTail()).isEqualTo(200);
            }
            // an operator reads the InfluxDB outage in ingest's log as one WARN and one INFO, not a stack trace every 10 s
            List<String> log = java.nio.file.Files.readAllLines(ingest.logFile(), StandardCharsets.UTF_8);
            assertThat(log.stream().filter(l -> l.contains(" WARN ") && l.contains("unavailable (")).count()).isEqualTo(1);
            assertThat(log.stream().filter(l -> l.contains(" INFO ") && l.contains(" back after ")).count()).isEqualTo(1);
            assertThat(log).noneMatch(l -> l.contains("io.micrometer.influx"));
            log(t0, "all checked: " + expected + " readings, " + raised.values().stream().mapToInt(List::size).sum() + " alerts");
        } finally {
            loading.set(false);
            if (warnings != null) {
                warnings.interrupt();
            }
            Collections.reverse(jars);
            jars.forEach(BootJar::close);
            receivers.stop();
        }
    }

    /** Logs how long ingest takes to store what the broker acknowledged until now (at most 60 s). */
    void caughtUp(long t0, String what) throws InterruptedException {
        long start = System.nanoTime();
        long target = acked.size();
        while (System.nanoTime() - start < Duration.ofSeconds(60).toNanos()) {
            try {
                if (influx.scalar("airquality", "SELECT count(pm25) FROM ambient") >= target) {
                    log(t0, String.format(Locale.ROOT, "%d readings stored %.1f s %s", target, (System.nanoTime() - start) / 1e9, what));
                    return;
                }
            } catch (IllegalStateException starting) {
                // InfluxDB still starting
            }
            Thread.sleep(200);
        }
        log(t0, "not caught up within 60 s " + what);
    }

    /** Up to {@code n} acknowledged (station, minute) not in InfluxDB. */
    List<String> missing(int n) {
        List<String> out = new ArrayList<>();
        for (String key : acked) {
            String[] sk = key.split("@");
            String time = OffsetDateTime.parse(sk[1]).toInstant().toString();
            if (influx.scalar("airquality", "SELECT count(pm25) FROM ambient WHERE station = '" + sk[0] + "' AND time = '" + time + "'") < 1) {
                out.add(key);
                if (out.size() >= n) {
                    break;
                }
            }
        }
        return out;
    }

    static BootJar start(List<BootJar> jars, BootJar jar) {
        jars.add(jar);
        return jar.start();
    }

    static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, "faults-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    static void pause(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    static void log(long t0, String what) {
        System.out.printf(Locale.ROOT, "FaultSequenceIT %6.1f s: %s%n", (System.nanoTime() - t0) / 1e9, what);
    }

    /** About 200 readings a second, each (station, minute) once; counts those the broker acknowledged. */
    void loadReadings() {
        OffsetDateTime base = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusDays(20).truncatedTo(ChronoUnit.DAYS);
        MqttTestClient client = null;
        long seq = 0;
        while (loading.get()) {
            long first = seq;
            try {
                if (client == null || !client.isConnected()) {
                    if (client != null) {
                        client.close();
                    }
                    client = new MqttTestClient(mqtt.url(), "faults-load");
                }
                List<Message> batch = new ArrayList<>();
                Map<Message, String> keys = new java.util.IdentityHashMap<>();
                for (int i = 0; i < 20; i++, seq++) {
                    String station = STATIONS.get((int) (seq % STATIONS.size()));
                    OffsetDateTime t = base.plusMinutes(seq / STATIONS.size());
                    Message m = new Message("aq/v1/ambient/" + station, String.format(Locale.ROOT,
                            "{\"station\":\"%s\",\"time\":\"%s\",\"interval\":\"PT1M\",\"values\":{\"pm25\":%d,\"pm10\":%d}}",
                            station, t, 20 + seq % 200, 40 + seq % 300).getBytes(StandardCharsets.UTF_8));
                    batch.add(m);
                    keys.put(m, station + "@" + t);
                }
                List<Message> failed = client.publishAll(batch, 20);
                java.util.Set<Message> notAcked = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
                notAcked.addAll(failed);
                batch.stream().filter(m -> !notAcked.contains(m)).forEach(m -> acked.add(keys.get(m)));
                if (!failed.isEmpty()) {
                    // not acknowledged: not counted, and sent again under the same (station, minute)
                    seq -= batch.size();
                    Thread.sleep(200);
                    continue;
                }
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException brokerDown) {
                seq = first; // not known to be acknowledged: sent again, same (station, minute)
                sleepQuietly(500);
            }
        }
        if (client != null) {
            client.close();
        }
    }

    /** A warning change every 3 s, county after county (yellow, lifted, yellow, …). */
    void changeWarnings(BootJar alert) {
        for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
            try {
                raise(alert, COUNTIES.get(i % COUNTIES.size()), (i / COUNTIES.size()) % 2 == 0);
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | AssertionError e) {
                if (Thread.currentThread().isInterrupted()) {
                    return; // interrupted inside the request
                }
                sleepQuietly(1000); // alert-service is not reachable in this moment: the next change comes later
            }
        }
    }

    void raise(BootJar alert, String county, boolean up) {
        LocalDate today = LocalDate.now(BeijingTime.ZONE);
        String days = up ? "{\"date\":\"" + today.plusDays(1) + "\",\"aqi\":210},{\"date\":\"" + today.plusDays(2) + "\",\"aqi\":120}"
                : "{\"date\":\"" + today.plusDays(1) + "\",\"aqi\":100},{\"date\":\"" + today.plusDays(2) + "\",\"aqi\":90}";
        HttpResponse<String> r = Platform.bureau("POST", alert.url() + "/api/v1/forecasts",
                "{\"scope\":\"" + county + "\",\"issuedAt\":\"" + today + "T16:00:00+08:00\",\"days\":[" + days + "]}");
        if (r.statusCode() != 202) {
            throw new IllegalStateException("forecast for " + county + ": " + r.statusCode() + " " + r.body());
        }
        Matcher m = ID.matcher(r.body());
        while (m.find()) {
            raised.get(county).add(m.group(1));
        }
    }

    static void answer(WireMockServer receivers, int status) {
        receivers.resetMappings();
        for (String c : COUNTIES) {
            receivers.stubFor(post(urlPathEqualTo("/hook/" + c)).willReturn(aResponse().withStatus(status)));
        }
    }

    static List<ServeEvent> oldestFirst(WireMockServer receivers) {
        List<ServeEvent> events = new ArrayList<>(receivers.getAllServeEvents());
        Collections.reverse(events);
        return events;
    }

    /** Event id and level of each alert a county's receiver answered 2xx, in arrival order. */
    List<String[]> delivered(WireMockServer receivers, String county) {
        List<ServeEvent> events = new ArrayList<>(archive);
        events.addAll(oldestFirst(receivers));
        List<String[]> out = new ArrayList<>();
        Pattern level = Pattern.compile("\"level\":\"([a-z]+)\"");
        for (ServeEvent e : events) {
            if (e.getRequest().getUrl().equals("/hook/" + county) && e.getResponse().getStatus() / 100 == 2) {
                Matcher m = level.matcher(e.getRequest().getBodyAsString());
                out.add(new String[] {e.getRequest().getHeader("X-AQ-Event-Id"), m.find() ? m.group(1) : null});
            }
        }
        return out;
    }

    static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
