package cn.yq.aq.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;

import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.support.security.Principal;
import cn.yq.aq.support.security.PrincipalHeaders;
import cn.yq.aq.testsupport.BootJar;
import cn.yq.aq.testsupport.InfluxServer;
import cn.yq.aq.testsupport.MosquittoServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The alert-service benchmark: a city-wide forecast that changes the warning (yellow issued, then
 * lifted, alternately) is POSTed, and the time until each county's webhook receives the alert is
 * measured, with 7 and with 1,000 subscribed counties (a synthetic registry), through real Mosquitto
 * and the alert-service jar. The raw limit in the same run: the same number of signed POSTs sent
 * straight from here to the same receivers.
 */
@Command(name = "alert-bench", mixinStandardHelpOptions = true,
        description = "Measure forecast → webhook latency of alert-service with 7 and 1,000 subscribers.")
public final class AlertBenchmark implements Callable<Integer> {

    static final String SECRET = "bench-gateway-secret-0123456789";
    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    @Option(names = "--jar", required = true, description = "the alert-service jar")
    Path jar;

    @picocli.CommandLine.Mixin
    ResultsFile file;

    @Option(names = "--subscribers", split = ",", defaultValue = "7,1000")
    List<Integer> subscribers;

    @Option(names = "--deliveries", defaultValue = "10000", description = "deliveries per size (rounds = deliveries / subscribers, at least 50 rounds)")
    int deliveries;

    /** One webhook arrival: which alert, when. */
    record Arrival(String id, long nanos) {
    }

    final ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(8)).build();

    @Override
    public Integer call() throws Exception {
        Map<String, Object> results = file.start("alert-bench");
        // the JDK server closes idle connections beyond 200 by default: a client reusing one then fails
        System.setProperty("sun.net.httpserver.maxIdleConnections", "4096");
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        receiver.setExecutor(Executors.newFixedThreadPool(64));
        receiver.createContext("/hook/", exchange -> {
            long now = System.nanoTime();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Matcher m = ID.matcher(new String(body, StandardCharsets.UTF_8));
            if (m.find()) {
                arrivals.add(new Arrival(m.group(1), now));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        try (MosquittoServer mqtt = new MosquittoServer(); InfluxServer influx = new InfluxServer()) {
            mqtt.start();
            influx.start();
            influx.createDatabase("airquality");
            for (int n : subscribers) {
                measure(n, base, mqtt, influx, results);
            }
        } finally {
            receiver.stop(0);
        }
        file.append(results);
        return 0;
    }

    void measure(int n, String base, MosquittoServer mqtt, InfluxServer influx, Map<String, Object> results) throws Exception {
        Path registry = registry(n);
        PrincipalHeaders gateway = new PrincipalHeaders(SECRET, Duration.ofSeconds(60), Clock.systemUTC());
        try (BootJar alerts = new BootJar(jar, List.of("--aq.mqtt.url=" + mqtt.url(), "--aq.influx.url=" + influx.url(),
                "--aq.security.gateway-secret=" + SECRET, "--aq.registry.file=" + registry, "--aq.registry.name=bench" + n,
                "--aq.mqtt.client-id-prefix=bench" + n, "--aq.monitor.enabled=false", "--logging.level.cn.yq.aq=WARN"))) {
            alerts.start();
            for (int c = 0; c < n; c++) {
                send(alerts, gateway, "PUT", "/api/v1/subscriptions/c" + c,
                        "{\"url\":\"" + base + "/hook/c" + c + "\",\"secret\":\"bench-secret-0123456789\"}");
            }
            int rounds = Math.max(50, deliveries / n);
            List<Long> alertMs = new ArrayList<>();
            long alertCpu = 0;
            long brokerCpu = 0;
            // warm-up: 10 rounds, not counted
            for (int r = 0; r < rounds + 10; r++) {
                long a0 = IngestBenchmark.cpuNanos(alerts.pid());
                long b0 = IngestBenchmark.cpuNanos(mqtt.pid());
                String forecast = forecast(r % 2 == 0 ? new int[] {210} : new int[] {100, 90});
                arrivals.clear();
                long t0 = System.nanoTime();
                String answer = send(alerts, gateway, "POST", "/api/v1/forecasts", forecast);
                Matcher m = ID.matcher(answer);
                if (!m.find()) {
                    throw new IllegalStateException("the forecast raised no alert: " + answer);
                }
                String id = m.group(1);
                List<Long> got = awaitArrivals(id, n, t0);
                if (r >= 10) {
                    alertMs.addAll(got);
                    alertCpu += IngestBenchmark.cpuNanos(alerts.pid()) - a0;
                    brokerCpu += IngestBenchmark.cpuNanos(mqtt.pid()) - b0;
                }
            }
            // the raw limit: the same n signed POSTs straight to the receivers, concurrently
            List<Long> rawMs = new ArrayList<>();
            byte[] body = ("{\"id\":\"00000000-0000-0000-0000-000000000000\",\"type\":\"HEAVY_POLLUTION_WARNING\",\"level\":\"yellow\","
                    + "\"title\":\"阳泉市发布重污染天气黄色预警\"}").getBytes(StandardCharsets.UTF_8);
            for (int r = 0; r < rounds + 10; r++) {
                arrivals.clear();
                long t0 = System.nanoTime();
                List<CompletableFuture<HttpResponse<Void>>> sent = new ArrayList<>();
                java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(100); // as many in flight as a receiver takes
                for (int c = 0; c < n; c++) {
                    window.acquire();
                    sent.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/hook/c" + c))
                            .header("X-AQ-Signature", "sha256=" + gateway.sign(new String(body, StandardCharsets.UTF_8)))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding())
                            .whenComplete((x, e) -> window.release()));
                }
                CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
                List<Long> got = awaitArrivals("00000000-0000-0000-0000-000000000000", n, t0);
                if (r >= 10) {
                    rawMs.addAll(got);
                }
            }
            long[] a = alertMs.stream().mapToLong(Long::longValue).sorted().toArray();
            long[] raw = rawMs.stream().mapToLong(Long::longValue).sorted().toArray();
            double p50 = pct(a, 0.50) / 1000.0, p99 = pct(a, 0.99) / 1000.0;
            double r50 = pct(raw, 0.50) / 1000.0, r99 = pct(raw, 0.99) / 1000.0;
            results.put("subscribers_" + n + "_deliveries", a.length);
            results.put("subscribers_" + n + "_p50_ms", IngestBenchmark.round(p50));
            results.put("subscribers_" + n + "_p99_ms", IngestBenchmark.round(p99));
            results.put("subscribers_" + n + "_max_ms", IngestBenchmark.round(a[a.length - 1] / 1000.0));
            results.put("subscribers_" + n + "_raw_p50_ms", IngestBenchmark.round(r50));
            results.put("subscribers_" + n + "_raw_p99_ms", IngestBenchmark.round(r99));
            results.put("subscribers_" + n + "_p99_over_raw_p99", IngestBenchmark.round(p99 / r99));
            // CPU per delivery, the primary figure: alert-service's (recording, fan-out, signing, the webhook call) and the broker's
            results.put("subscribers_" + n + "_alert_cpu_us_per_delivery", IngestBenchmark.perReading(alertCpu, a.length));
            results.put("subscribers_" + n + "_broker_cpu_us_per_delivery", IngestBenchmark.perReading(brokerCpu, a.length));
            IngestBenchmark.print("    CPU per delivery: alert-service %.0f us, Mosquitto %.0f us",
                    results.get("subscribers_" + n + "_alert_cpu_us_per_delivery"), results.get("subscribers_" + n + "_broker_cpu_us_per_delivery"));
            IngestBenchmark.print("%,d subscribers, %,d deliveries: forecast → webhook p50 %.1f ms, p99 %.1f ms, max %.1f ms "
                    + "(target p99 < 1,000 ms); raw POSTs p50 %.1f ms, p99 %.1f ms; p99 ratio %.1f", n, a.length, p50, p99,
                    a[a.length - 1] / 1000.0, r50, r99, p99 / r99);
        }
    }

    /** Waits for n arrivals of an alert; their latencies in µs from t0. */
    List<Long> awaitArrivals(String id, int n, long t0) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            List<Long> got = arrivals.stream().filter(x -> x.id().equals(id)).map(x -> (x.nanos() - t0) / 1000).toList();
            if (got.size() >= n) {
                return got;
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("alert " + id + " reached only part of the " + n + " receivers in 60 s");
    }

    static long pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    String send(BootJar alerts, PrincipalHeaders gateway, String method, String path, String body) throws Exception {
        String value = gateway.value(Principal.bureau());
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(alerts.url() + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header(PrincipalHeaders.PRINCIPAL, value)
                .header(PrincipalHeaders.SIGNATURE, gateway.sign(value))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    static String forecast(int... aqi) {
        LocalDate tomorrow = LocalDate.now(BeijingTime.ZONE).plusDays(1);
        StringBuilder days = new StringBuilder();
        for (int i = 0; i < aqi.length; i++) {
            days.append(i == 0 ? "" : ",").append("{\"date\":\"").append(tomorrow.plusDays(i)).append("\",\"aqi\":").append(aqi[i]).append('}');
        }
        return "{\"scope\":\"city\",\"days\":[" + days + "]}";
    }

    /** A registry of n counties (one station each). */
    static Path registry(int n) throws IOException {
        StringBuilder y = new StringBuilder("name: bench" + n + "\nnameZh: 基准市\ncounties:\n");
        for (int c = 0; c < n; c++) {
            y.append(String.format(Locale.ROOT, "  - {code: c%d, nameZh: 区%d}%n", c, c));
        }
        y.append("stations:\n");
        for (int c = 0; c < n; c++) {
            y.append(String.format(Locale.ROOT, "  - {id: S%d, name: s%d, county: c%d, type: national, lat: 0, lon: 0,"
                    + " countsForCounty: true, countsForCity: true}%n", c, c, c));
        }
        Path file = Files.createTempDirectory("aq-alert-bench-").resolve("bench.yml");
        Files.writeString(file, y + "sources: []\n", StandardCharsets.UTF_8);
        return file;
    }
}
