package cn.yq.aq.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.LongStream;

import cn.yq.aq.support.security.Principal;
import cn.yq.aq.support.security.PrincipalHeaders;
import cn.yq.aq.testsupport.BootJar;
import cn.yq.aq.testsupport.GatewaySigner;
import cn.yq.aq.testsupport.InfluxServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The gateway benchmark: the same GET ({@code /api/v1/targets/progress}) straight to target-service
 * (with the signed identity the gateway would add) and through the gateway (bearer token), in the
 * same run: latency at a steady rate (open loop, measured from when each request was due) and the
 * throughput of 32 concurrent clients. The client is Reactor Netty on one event-loop thread, so that
 * on a small machine it leaves the CPU to the processes being measured.
 */
@Command(name = "gateway-bench", mixinStandardHelpOptions = true,
        description = "Measure the gateway's overhead: a GET through the gateway vs straight to the service.")
public final class GatewayBenchmark implements Callable<Integer> {

    static final String TOKEN = "bench-bureau-token";

    @Option(names = "--gateway-jar", required = true)
    Path gatewayJar;

    @Option(names = "--target-jar", required = true)
    Path targetJar;

    @picocli.CommandLine.Mixin
    ResultsFile file;

    @Option(names = "--rate", defaultValue = "500", description = "requests per second for the latency runs")
    int rate;

    @Option(names = "--seconds", defaultValue = "10", description = "length of each timed run of one path")
    int seconds;

    @Option(names = "--rounds", defaultValue = "3",
            description = "timed runs per path, alternating direct and gateway so that both see the same machine")
    int rounds;

    @Option(names = "--jvm-option", description = "JVM options of both the gateway and the service (default -Xmx512m)")
    List<String> jvmOptions = new ArrayList<>(List.of("-Xmx512m"));

    @Option(names = "--gateway-arg", description = "an extra argument for the gateway (profiling)")
    List<String> gatewayArgs = new ArrayList<>();

    @Option(names = "--connections", defaultValue = "64", description = "the client's connection pool (per path)")
    int connections;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> results = file.start("gateway-bench");
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(TOKEN.getBytes(StandardCharsets.UTF_8)));
        // one event-loop thread for the client: it must not take the CPU the gateway and the service need
        LoopResources loop = LoopResources.create("bench", 1, true);
        ConnectionProvider pool = ConnectionProvider.builder("bench").maxConnections(connections)
                .pendingAcquireMaxCount(-1).build();
        try (InfluxServer influx = new InfluxServer().start()) {
            influx.createDatabase("airquality");
            try (BootJar target = new BootJar(targetJar, jvmOptions, List.of("--aq.influx.url=" + influx.url(),
                    "--aq.materialization.scheduled=false", "--logging.level.root=WARN")).start();
                 BootJar gateway = new BootJar(gatewayJar, jvmOptions, gatewayArguments(target.url(), hash)).start()) {
                String path = "/api/v1/targets/progress?year=2025";
                // straight to the service with the signed identity the gateway would add (fresh each request,
                // as the gateway signs each one); through the gateway with a bearer token
                Client direct = new Client(client(loop, pool, target.url()), path, h -> {
                    String value = GatewaySigner.HEADERS.value(Principal.bureau());
                    h.set(PrincipalHeaders.PRINCIPAL, value).set(PrincipalHeaders.SIGNATURE, GatewaySigner.HEADERS.sign(value));
                });
                Client viaGateway = new Client(client(loop, pool, gateway.url()), path, h -> h.set("Authorization", "Bearer " + TOKEN));
                // warm-up of both paths (JIT, connection pools), untimed: flat out, then at the rate
                closedLoop(direct, 8, 10);
                closedLoop(viaGateway, 8, 10);
                openLoop(direct, seconds);
                openLoop(viaGateway, seconds);
                LongStream.Builder directSamples = LongStream.builder();
                LongStream.Builder gatewaySamples = LongStream.builder();
                long gatewayCpu = 0;
                long serviceDirectCpu = 0;
                long serviceViaCpu = 0;
                for (int round = 0; round < rounds; round++) {
                    long s0 = IngestBenchmark.cpuNanos(target.pid());
                    Arrays.stream(openLoop(direct, seconds)).forEach(directSamples);
                    serviceDirectCpu += IngestBenchmark.cpuNanos(target.pid()) - s0;
                    long g0 = IngestBenchmark.cpuNanos(gateway.pid());
                    long s1 = IngestBenchmark.cpuNanos(target.pid());
                    Arrays.stream(openLoop(viaGateway, seconds)).forEach(gatewaySamples);
                    gatewayCpu += IngestBenchmark.cpuNanos(gateway.pid()) - g0;
                    serviceViaCpu += IngestBenchmark.cpuNanos(target.pid()) - s1;
                }
                long[] d = directSamples.build().sorted().toArray();
                long[] g = gatewaySamples.build().sorted().toArray();
                double d50 = pct(d, 0.5), d99 = pct(d, 0.99), g50 = pct(g, 0.5), g99 = pct(g, 0.99);
                results.put("rate_per_s", rate);
                results.put("timed_requests_per_path", d.length);
                results.put("jvm_options", String.join(" ", jvmOptions));
                results.put("direct_p50_ms", IngestBenchmark.round(d50));
                results.put("direct_p99_ms", IngestBenchmark.round(d99));
                results.put("gateway_p50_ms", IngestBenchmark.round(g50));
                results.put("gateway_p99_ms", IngestBenchmark.round(g99));
                results.put("overhead_p50_ms", IngestBenchmark.round(g50 - d50));
                results.put("overhead_p99_ms", IngestBenchmark.round(g99 - d99));
                // CPU per request, the primary figure: the gateway's own, and the service's straight and behind it
                results.put("gateway_cpu_us_per_request", IngestBenchmark.perReading(gatewayCpu, g.length));
                results.put("service_cpu_us_per_request_direct", IngestBenchmark.perReading(serviceDirectCpu, d.length));
                results.put("service_cpu_us_per_request_via_gateway", IngestBenchmark.perReading(serviceViaCpu, g.length));
                IngestBenchmark.print("CPU per request: the gateway %.0f us; the service %.0f us straight, %.0f us behind the gateway",
                        results.get("gateway_cpu_us_per_request"), results.get("service_cpu_us_per_request_direct"),
                        results.get("service_cpu_us_per_request_via_gateway"));
                IngestBenchmark.print("%d req/s, %d s per path: direct p50 %.2f ms p99 %.2f ms; through the gateway p50 %.2f ms p99 %.2f ms;"
                        + " overhead p50 %.2f ms, p99 %.2f ms (target p99 overhead < 5 ms)", rate, rounds * seconds, d50, d99, g50, g99,
                        g50 - d50, g99 - d99);
                double dt = closedLoop(direct, 32, 10);
                double gt = closedLoop(viaGateway, 32, 10);
                results.put("direct_throughput_per_s", Math.round(dt));
                results.put("gateway_throughput_per_s", Math.round(gt));
                results.put("throughput_ratio", IngestBenchmark.round(gt / dt));
                IngestBenchmark.print("32 concurrent clients: direct %,.0f req/s, through the gateway %,.0f req/s (%.2f ×)", dt, gt, gt / dt);
            }
        } finally {
            pool.dispose();
            loop.dispose();
        }
        file.append(results);
        return 0;
    }

    static HttpClient client(LoopResources loop, ConnectionProvider pool, String baseUrl) {
        return HttpClient.create(pool).runOn(loop).baseUrl(baseUrl).responseTimeout(Duration.ofSeconds(30));
    }

    /** One GET, its headers set per request; completes with the status code (the body read and released). */
    record Client(HttpClient http, String path, Consumer<io.netty.handler.codec.http.HttpHeaders> headers) {
        Mono<Integer> get() {
            return http.headers(headers).get().uri(path)
                    .responseSingle((response, body) -> body.then(Mono.just(response.status().code())));
        }
    }

    List<String> gatewayArguments(String targetUrl, String hash) {
        List<String> args = new ArrayList<>(List.of("--aq.gateway.services.target=" + targetUrl,
                "--aq.gateway.services.ingest=http://127.0.0.1:1", "--aq.gateway.services.alert=http://127.0.0.1:1",
                "--aq.gateway.auth.clients[0].sha256=" + hash, "--aq.gateway.auth.clients[0].role=bureau",
                "--aq.gateway.auth.clients[0].id=bureau", "--aq.gateway.rate-limit.enabled=false",
                "--logging.level.root=WARN")); // the access log stays on, as in production
        args.addAll(gatewayArgs);
        return args;
    }

    /**
     * Requests at a fixed rate for {@code seconds} (open loop: a slow answer does not delay the next
     * request); each one's latency in µs from the moment it was due to be sent (so a stalled client
     * or server counts against the figures), in the order sent.
     */
    long[] openLoop(Client client, int secs) throws Exception {
        long total = (long) rate * secs;
        long periodNanos = 1_000_000_000L / rate;
        long[] latencies = new long[(int) total];
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch((int) total);
        long start = System.nanoTime() + 10_000_000;
        for (int i = 0; i < total; i++) {
            long due = start + i * periodNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            client.get().subscribe(status -> {
                latencies[index] = (System.nanoTime() - due) / 1000;
                if (status != 200) {
                    failures.incrementAndGet();
                    firstFailure.compareAndSet(null, "HTTP " + status);
                }
                done.countDown();
            }, e -> {
                failures.incrementAndGet();
                firstFailure.compareAndSet(null, e.toString());
                done.countDown();
            });
        }
        if (!done.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(done.getCount() + " requests did not finish within 60 s of the last one");
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " requests failed, the first: " + firstFailure.get());
        }
        return latencies;
    }

    /** {@code clients} concurrent request loops for {@code seconds}; successful requests per second. */
    double closedLoop(Client client, int clients, int secs) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(secs);
        Long ok = Flux.range(0, clients)
                .flatMap(c -> Mono.defer(client::get).repeat(() -> System.nanoTime() < end)
                        .filter(status -> status == 200).count())
                .reduce(0L, Long::sum).block(Duration.ofSeconds(secs + 60L));
        return (ok == null ? 0 : ok) / (double) secs;
    }

    static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1000.0;
    }
}
