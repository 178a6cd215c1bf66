package cn.yq.aq.simulator.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import cn.yq.aq.support.security.Principal;
import cn.yq.aq.testsupport.BootJar;
import cn.yq.aq.testsupport.GatewaySigner;
import cn.yq.aq.testsupport.InfluxServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The gateway benchmark: the same GET ({@code /api/v1/targets/progress}) straight to target-service
 * (with the signed identity the gateway would add) and through the gateway (bearer token), in the
 * same run: latency at a steady rate (open loop) and the throughput of 32 concurrent clients.
 */
@Command(name = "gateway-bench", mixinStandardHelpOptions = true,
        description = "Measure the gateway's overhead: a GET through the gateway vs straight to the service.")
public final class GatewayBenchmark implements Callable<Integer> {

    static final String TOKEN = "bench-bureau-token";

    @Option(names = "--gateway-jar", required = true)
    Path gatewayJar;

    @Option(names = "--target-jar", required = true)
    Path targetJar;

    @Option(names = "--out", defaultValue = "gateway-bench.json")
    Path out;

    @Option(names = "--rate", defaultValue = "500", description = "requests per second for the latency runs")
    int rate;

    @Option(names = "--seconds", defaultValue = "20")
    int seconds;

    @Option(names = "--gateway-arg", description = "an extra argument for the gateway (profiling)")
    List<String> gatewayArgs = new ArrayList<>();

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(4)).build();

    @Override
    public Integer call() throws Exception {
        Map<String, Object> results = new LinkedHashMap<>();
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(TOKEN.getBytes(StandardCharsets.UTF_8)));
        try (InfluxServer influx = new InfluxServer().start()) {
            influx.createDatabase("airquality");
            try (BootJar target = new BootJar(targetJar, List.of("--aq.influx.url=" + influx.url(),
                    "--aq.materialization.scheduled=false", "--logging.level.root=WARN")).start();
                 BootJar gateway = new BootJar(gatewayJar, gatewayArguments(target.url(), hash)).start()) {
                String path = "/api/v1/targets/progress?year=2025";
                Supplier<HttpRequest> direct = () -> GatewaySigner.as(Principal.bureau(), URI.create(target.url() + path)).build();
                Supplier<HttpRequest> viaGateway = () -> HttpRequest.newBuilder(URI.create(gateway.url() + path))
                        .header("Authorization", "Bearer " + TOKEN).build();
                // warm-up of both paths (JIT, connection pools), untimed
                closedLoop(direct, 8, 5);
                closedLoop(viaGateway, 8, 5);
                long[] d = openLoop(direct);
                long[] g = openLoop(viaGateway);
                double d50 = pct(d, 0.5), d99 = pct(d, 0.99), g50 = pct(g, 0.5), g99 = pct(g, 0.99);
                results.put("rate_per_s", rate);
                results.put("direct_p50_ms", IngestBenchmark.round(d50));
                results.put("direct_p99_ms", IngestBenchmark.round(d99));
                results.put("gateway_p50_ms", IngestBenchmark.round(g50));
                results.put("gateway_p99_ms", IngestBenchmark.round(g99));
                results.put("overhead_p50_ms", IngestBenchmark.round(g50 - d50));
                results.put("overhead_p99_ms", IngestBenchmark.round(g99 - d99));
                IngestBenchmark.print("%d req/s for %d s: direct p50 %.2f ms p99 %.2f ms; through the gateway p50 %.2f ms p99 %.2f ms;"
                        + " overhead p50 %.2f ms, p99 %.2f ms (target p99 overhead < 5 ms)", rate, seconds, d50, d99, g50, g99,
                        g50 - d50, g99 - d99);
                double dt = closedLoop(direct, 32, 10);
                double gt = closedLoop(viaGateway, 32, 10);
                results.put("direct_throughput_per_s", Math.round(dt));
                results.put("gateway_throughput_per_s", Math.round(gt));
                results.put("throughput_ratio", IngestBenchmark.round(gt / dt));
                IngestBenchmark.print("32 concurrent clients: direct %,.0f req/s, through the gateway %,.0f req/s (%.2f ×)", dt, gt, gt / dt);
            }
        }
        results.put("machine", Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version"));
        results.put("when", Instant.now().toString());
        Files.writeString(out, IngestBenchmark.toJson(results), StandardCharsets.UTF_8);
        IngestBenchmark.print("figures written to %s", out.toAbsolutePath());
        return 0;
    }

    List<String> gatewayArguments(String targetUrl, String hash) {
        List<String> args = new ArrayList<>(List.of("--aq.gateway.services.target=" + targetUrl,
                "--aq.gateway.services.ingest=http://127.0.0.1:1", "--aq.gateway.services.alert=http://127.0.0.1:1",
                "--aq.gateway.auth.clients[0].sha256=" + hash, "--aq.gateway.auth.clients[0].role=bureau",
                "--aq.gateway.auth.clients[0].id=bureau", "--aq.gateway.rate-limit.enabled=false",
                "--logging.level.cn.yq.aq.gateway.access=WARN", "--logging.level.root=WARN"));
        args.addAll(gatewayArgs);
        return args;
    }

    /** Requests at a fixed rate for {@code seconds}; each one's latency in µs, sorted. */
    long[] openLoop(Supplier<HttpRequest> request) throws Exception {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger failures = new AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<String> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
        List<CompletableFuture<?>> all = new ArrayList<>();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long total = (long) rate * seconds;
        long periodNanos = 1_000_000_000L / rate;
        AtomicInteger sent = new AtomicInteger();
        CompletableFuture<Void> done = new CompletableFuture<>();
        ticker.scheduleAtFixedRate(() -> {
            if (sent.incrementAndGet() > total) {
                done.complete(null);
                return;
            }
            long t0 = System.nanoTime();
            synchronized (all) {
                all.add(http.sendAsync(request.get(), HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                    if (e != null || r.statusCode() != 200) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, e != null ? e.toString() : "HTTP " + r.statusCode());
                    } else {
                        latencies.add((System.nanoTime() - t0) / 1000);
                    }
                }));
            }
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        done.get();
        ticker.shutdownNow();
        synchronized (all) {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).handle((x, e) -> null).get();
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " requests failed, the first: " + firstFailure.get());
        }
        return latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** {@code clients} concurrent request loops for {@code seconds}; requests per second. */
    double closedLoop(Supplier<HttpRequest> request, int clients, int secs) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(secs);
        AtomicInteger count = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    try {
                        if (http.send(request.get(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                            count.incrementAndGet();
                        }
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        return count.get() / (double) secs;
    }

    static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1000.0;
    }
}
