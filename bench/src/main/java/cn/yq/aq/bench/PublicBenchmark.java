package cn.yq.aq.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;

import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.testsupport.BootJar;
import cn.yq.aq.testsupport.DemoCity;
import cn.yq.aq.testsupport.InfluxServer;
import cn.yq.aq.testsupport.MosquittoServer;
import cn.yq.aq.testsupport.PrometheusText;
import cn.yq.aq.testsupport.TestHttp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The public page on a bad morning (a red warning issued): the page and its JSON through the gateway at a steady
 * rate, beside the same bytes from a static file server (Reactor Netty sending the files, in a process of its own)
 * in the same run. Latency is measured open loop from when each request was due; CPU per request from /proc of the
 * processes behind each door (the gateway, disclosure-, target- and alert-service and InfluxDB; the static server),
 * and how many snapshots disclosure-service made for all those requests.
 */
@Command(name = "public-bench", mixinStandardHelpOptions = true,
        description = "Measure the public page through the gateway at a steady rate, beside a static file server.")
public final class PublicBenchmark implements Callable<Integer> {

    static final String TOKEN = "bench-bureau-token";

    @Option(names = "--jar-dir", defaultValue = ".", description = "the repository (each service's jar in <module>/target)")
    Path root;

    @picocli.CommandLine.Mixin
    ResultsFile file;


    @Option(names = "--rate", defaultValue = "200", description = "requests per second")
    int rate;

    @Option(names = "--seconds", defaultValue = "10", description = "length of each timed run of one path")
    int seconds;

    @Option(names = "--rounds", defaultValue = "3", description = "timed runs per path and door, alternating")
    int rounds;

    @Option(names = "--serve-files", hidden = true, description = "run as the static file server of this directory")
    Path serveFiles;

    @Option(names = "--port", hidden = true, defaultValue = "0")
    int port;

    @Override
    public Integer call() throws Exception {
        if (serveFiles != null) {
            return serve();
        }
        Map<String, Object> results = file.start("public-bench");
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(TOKEN.getBytes(StandardCharsets.UTF_8)));
        LoopResources loop = LoopResources.create("bench", 1, true);
        ConnectionProvider pool = ConnectionProvider.builder("bench").maxConnections(64).pendingAcquireMaxCount(-1).build();
        List<String> jvm = List.of("-Xmx256m");
        LocalDate today = LocalDate.now(BeijingTime.ZONE);
        YearMonth last = YearMonth.from(today).minusMonths(1);
        try (MosquittoServer mqtt = new MosquittoServer().start(); InfluxServer influx = new InfluxServer().start()) {
            influx.createDatabase("airquality");
            influx.write("airquality", "s", DemoCity.ambient(ZonedDateTime.now(BeijingTime.ZONE), 45));
            influx.write("airquality", "s", DemoCity.boilerOverItsLimit(last.atDay(10)));
            String infra = "--aq.influx.url=" + influx.url();
            try (BootJar target = new BootJar(jar("target-service"), jvm, List.of(infra, "--aq.materialization.scheduled=false",
                         "--logging.level.root=WARN")).start();
                 BootJar alert = new BootJar(jar("alert-service"), jvm, List.of(infra, "--aq.mqtt.url=" + mqtt.url(),
                         "--aq.monitor.enabled=false", "--logging.level.root=WARN")).start();
                 BootJar disclosure = new BootJar(jar("disclosure-service"), jvm, List.of("--aq.disclosure.target-url=" + target.url(),
                         "--aq.disclosure.alert-url=" + alert.url(), "--logging.level.root=WARN")).start();
                 BootJar gateway = new BootJar(jar("gateway"), jvm, List.of("--aq.gateway.services.target=" + target.url(),
                         "--aq.gateway.services.alert=" + alert.url(), "--aq.gateway.services.disclosure=" + disclosure.url(),
                         "--aq.gateway.auth.clients[0].sha256=" + hash, "--aq.gateway.auth.clients[0].role=bureau",
                         "--aq.gateway.auth.clients[0].id=bureau",
                         // one load generator stands for many residents: its address is not limited here
                         "--aq.gateway.public-rate-limit.enabled=false", "--logging.level.root=WARN")).start()) {
                bureau(gateway, "POST", "/api/v1/admin/recompute?from=" + today.minusDays(45) + "&to=" + today, null);
                bureau(gateway, "POST", "/api/v1/review/months/" + last + "/close", "{\"note\":\"bench\"}");
                bureau(gateway, "POST", "/api/v1/forecasts", redForecast(today));
                // the static copies: the same bytes the gateway serves now
                Path files = Files.createTempDirectory("aq-public-static");
                Files.write(files.resolve("public.html"), get(gateway.url() + "/public"));
                Files.write(files.resolve("aqi.json"), get(gateway.url() + "/public/api/v1/aqi"));
                int staticPort = cn.yq.aq.testsupport.FreePorts.next();
                Process statics = new ProcessBuilder("java", "-Xmx256m", "-jar", root.resolve("bench/target/bench-0.1.0-SNAPSHOT.jar").toString(),
                        "public-bench",
                        "--serve-files=" + files, "--port=" + staticPort).redirectErrorStream(true)
                        .redirectOutput(files.resolve("server.log").toFile()).start();
                try {
                    String staticUrl = "http://127.0.0.1:" + staticPort;
                    awaitUp(staticUrl + "/public.html");
                    GatewayBenchmark load = new GatewayBenchmark();
                    load.rate = rate;
                    Map<String, String[]> paths = new LinkedHashMap<>();
                    paths.put("page", new String[] {"/public", "/public.html"});
                    paths.put("aqi_json", new String[] {"/public/api/v1/aqi", "/aqi.json"});
                    long[] door = {gateway.pid(), disclosure.pid(), target.pid(), alert.pid(), influx.pid()};
                    double snapshotsBefore = snapshots(disclosure);
                    long doorCpu = 0;
                    long staticCpu = 0;
                    long requests = 0;
                    for (Map.Entry<String, String[]> p : paths.entrySet()) {
                        GatewayBenchmark.Client viaGateway = new GatewayBenchmark.Client(GatewayBenchmark.client(loop, pool, gateway.url()),
                                p.getValue()[0], h -> { });
                        GatewayBenchmark.Client viaStatic = new GatewayBenchmark.Client(GatewayBenchmark.client(loop, pool, staticUrl),
                                p.getValue()[1], h -> { });
                        load.closedLoop(viaGateway, 8, 5); // warm-up, untimed
                        load.closedLoop(viaStatic, 8, 5);
                        LongStream.Builder g = LongStream.builder();
                        LongStream.Builder s = LongStream.builder();
                        for (int round = 0; round < rounds; round++) {
                            long c0 = cpu(door);
                            Arrays.stream(load.openLoop(viaGateway, seconds)).forEach(g);
                            doorCpu += cpu(door) - c0;
                            long s0 = IngestBenchmark.cpuNanos(statics.pid());
                            Arrays.stream(load.openLoop(viaStatic, seconds)).forEach(s);
                            staticCpu += IngestBenchmark.cpuNanos(statics.pid()) - s0;
                            requests += (long) rate * seconds;
                        }
                        long[] gs = g.build().sorted().toArray();
                        long[] ss = s.build().sorted().toArray();
                        results.put(p.getKey() + "_gateway_p50_ms", IngestBenchmark.round(GatewayBenchmark.pct(gs, 0.5)));
                        results.put(p.getKey() + "_gateway_p99_ms", IngestBenchmark.round(GatewayBenchmark.pct(gs, 0.99)));
                        results.put(p.getKey() + "_gateway_max_ms", IngestBenchmark.round(gs[gs.length - 1] / 1000.0));
                        results.put(p.getKey() + "_static_p50_ms", IngestBenchmark.round(GatewayBenchmark.pct(ss, 0.5)));
                        results.put(p.getKey() + "_static_p99_ms", IngestBenchmark.round(GatewayBenchmark.pct(ss, 0.99)));
                        results.put(p.getKey() + "_bytes", Files.size(files.resolve(p.getValue()[1].substring(1))));
                        IngestBenchmark.print("%s at %d req/s, %d × %d s: through the gateway p50 %.2f ms p99 %.2f ms max %.1f ms;"
                                        + " static file server p50 %.2f ms p99 %.2f ms (target p99 < 200 ms)", p.getKey(), rate, rounds, seconds,
                                GatewayBenchmark.pct(gs, 0.5), GatewayBenchmark.pct(gs, 0.99), gs[gs.length - 1] / 1000.0,
                                GatewayBenchmark.pct(ss, 0.5), GatewayBenchmark.pct(ss, 0.99));
                    }
                    double made = snapshots(disclosure) - snapshotsBefore;
                    results.put("rate_per_s", rate);
                    results.put("timed_requests_per_door", requests);
                    results.put("door_cpu_us_per_request", IngestBenchmark.round(doorCpu / 1000.0 / requests));
                    results.put("static_cpu_us_per_request", IngestBenchmark.round(staticCpu / 1000.0 / requests));
                    results.put("cpu_ratio_door_to_static", IngestBenchmark.round((double) doorCpu / staticCpu));
                    results.put("snapshots_made", made);
                    IngestBenchmark.print("CPU per request: gateway + services + InfluxDB %.0f µs, static file server %.0f µs (%.1f ×);"
                                    + " %,d requests served from %.0f snapshots of the figures", doorCpu / 1000.0 / requests,
                            staticCpu / 1000.0 / requests, (double) doorCpu / staticCpu, requests, made);
                } finally {
                    statics.destroy();
                }
            }
        } finally {
            pool.dispose();
            loop.dispose();
        }
        file.append(results);
        return 0;
    }

    /** The static file server: the directory's files, read from disk for each request, with their content type. */
    private int serve() {
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(port)
                .route(r -> r.get("/{file}", (request, response) -> {
                    Path file = serveFiles.resolve(request.param("file")).normalize();
                    if (!file.startsWith(serveFiles) || !Files.isRegularFile(file)) {
                        return response.sendNotFound();
                    }
                    return response.header("Content-Type", file.toString().endsWith(".json") ? "application/json"
                            : "text/html;charset=UTF-8").sendFile(file);
                })).bindNow();
        server.onDispose().block();
        return 0;
    }

    private Path jar(String module) throws java.io.IOException {
        try (var found = Files.list(root.resolve(module).resolve("target"))) {
            return found.filter(p -> p.getFileName().toString().matches(module + "-[0-9.]+(-SNAPSHOT)?\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no jar of " + module + " (mvn package first)"));
        }
    }

    private static long cpu(long[] pids) {
        long sum = 0;
        for (long pid : pids) {
            sum += IngestBenchmark.cpuNanos(pid);
        }
        return sum;
    }

    private static double snapshots(BootJar disclosure) {
        return PrometheusText.sum(disclosure.get("/actuator/prometheus").body(), "aq_disclosure_snapshot_seconds_count", Map.of());
    }

    private static byte[] get(String url) throws Exception {
        HttpResponse<byte[]> r = TestHttp.client().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + ": " + r.statusCode());
        }
        return r.body();
    }

    private static void awaitUp(String url) throws Exception {
        for (int i = 0; i < 100; i++) {
            try {
                get(url);
                return;
            } catch (Exception e) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the static file server did not start: " + url);
    }

    private static void bureau(BootJar gateway, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.url() + path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = TestHttp.client().send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
        }
    }

    /** Daily AQI 243, 276, 338, 310 from tomorrow on for the city: a red warning. */
    static String redForecast(LocalDate today) {
        List<String> days = new ArrayList<>();
        int[] aqi = {243, 276, 338, 310};
        for (int i = 0; i < aqi.length; i++) {
            days.add("{\"date\":\"" + today.plusDays(i + 1) + "\",\"aqi\":" + aqi[i] + ",\"primaryPollutant\":\"PM2.5\"}");
        }
        return "{\"scope\":\"city\",\"issuedAt\":\"" + today + "T06:00:00+08:00\",\"days\":[" + String.join(",", days) + "]}";
    }
}
