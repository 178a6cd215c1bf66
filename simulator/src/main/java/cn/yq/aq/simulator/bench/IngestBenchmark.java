package cn.yq.aq.simulator.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.yq.aq.testsupport.BootJar;
import cn.yq.aq.testsupport.InfluxServer;
import cn.yq.aq.testsupport.MosquittoServer;
import cn.yq.aq.testsupport.MqttTestClient;
import cn.yq.aq.testsupport.MqttTestClient.Message;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The ingest benchmark: in one run, on this machine, with the same publisher and the same
 * ~200-byte readings throughout, (a) the raw MQTT limit (QoS 1 publish → a subscriber that only
 * counts), (b) the raw InfluxDB limit (the same points as line protocol straight to InfluxDB),
 * (c) MQTT → ingest → InfluxDB sustained throughput with zero loss, and publish→stored latency at
 * a steady rate, (d) a backlog flood (300 stations × a day of minute data). Prints the figures and
 * writes them as JSON.
 */
@Command(name = "ingest-bench", mixinStandardHelpOptions = true,
        description = "Measure ingest throughput and latency against the raw MQTT and InfluxDB limits.")
public final class IngestBenchmark implements Callable<Integer> {

    static final ZoneOffset CST = ZoneOffset.ofHours(8);

    @Option(names = "--jar", required = true, description = "the ingest-service jar")
    Path jar;

    @Option(names = "--messages", defaultValue = "100000", description = "messages for (a), (b) and (c)")
    int messages;

    @Option(names = "--rate", defaultValue = "1000", description = "steady rate for the latency run, msg/s")
    int rate;

    @Option(names = "--rate-seconds", defaultValue = "20", description = "length of the latency run")
    int rateSeconds;

    @Option(names = "--flood-stations", defaultValue = "300")
    int floodStations;

    @Option(names = "--flood-minutes", defaultValue = "1440")
    int floodMinutes;

    @Option(names = "--window", defaultValue = "500", description = "QoS 1 messages in flight per publisher")
    int window;

    @Option(names = "--out", defaultValue = "ingest-bench.json")
    Path out;

    private final Map<String, Object> results = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("aq-bench-");
        Path registry = registry(dir, Math.max(floodStations, 300));
        try (MosquittoServer mqtt = new MosquittoServer().start(); InfluxServer influx = new InfluxServer().start()) {
            influx.createDatabase("airquality");
            influx.createDatabase("raw");
            List<Message> batch = readings(messages, 300, OffsetDateTime.of(2025, 1, 1, 0, 0, 0, 0, CST), ChronoUnit.HOURS);

            // warm-up: the JIT of the publisher (and, below, of ingest) before anything is timed
            rawMqtt(mqtt, readings(20_000, 300, OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, CST), ChronoUnit.HOURS), false);
            double a = rawMqtt(mqtt, batch, true);
            double b = rawInflux(influx, batch);
            try (BootJar ingest = new BootJar(jar, List.of("--aq.mqtt.url=" + mqtt.url(), "--aq.influx.url=" + influx.url(),
                    "--aq.hj212.port=0", "--aq.registry.file=" + registry, "--aq.mqtt.client-id=bench-ingest",
                    "--logging.level.root=WARN")).start()) {
                warmUp(mqtt, influx);
                double c = throughput(mqtt, influx, batch);
                ingest.restart(); // fresh lag metric: only the latency run's readings in it
                latency(mqtt, ingest);
                flood(mqtt, influx);
                double limit = Math.min(a, b);
                results.put("c_vs_min_a_b", round(c / limit));
                print("(c) / min(a, b) = %.2f (target >= 0.6)", c / limit);
            }
        }
        results.put("machine", Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version"));
        results.put("when", Instant.now().toString());
        Files.writeString(out, toJson(results), StandardCharsets.UTF_8);
        print("figures written to %s", out.toAbsolutePath());
        return 0;
    }

    /** Runs 30,000 readings (year 2024) through ingest, untimed. */
    void warmUp(MosquittoServer mqtt, InfluxServer influx) throws Exception {
        List<Message> warm = readings(30_000, 300, OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, CST), ChronoUnit.HOURS);
        try (MqttTestClient publisher = new MqttTestClient(mqtt.url(), "bench-pub-warm")) {
            long t0 = System.nanoTime();
            check(publisher.publishAll(warm, window));
            awaitCount(influx, "SELECT count(pm25) FROM ambient WHERE time < '2025-01-01'", warm.size(), t0);
        }
    }

    /** (a) QoS 1 publish → a QoS 1 subscriber that only counts. */
    double rawMqtt(MosquittoServer mqtt, List<Message> batch, boolean report) throws Exception {
        try (MqttTestClient counter = new MqttTestClient(mqtt.url(), "bench-counter-" + report).subscribe("aq/v1/ambient/#");
             MqttTestClient publisher = new MqttTestClient(mqtt.url(), "bench-pub-a")) {
            long t0 = System.nanoTime();
            check(publisher.publishAll(batch, window));
            while (counter.arrivals() < batch.size()) {
                Thread.sleep(5);
                if (System.nanoTime() - t0 > Duration.ofMinutes(5).toNanos()) {
                    throw new IllegalStateException("raw MQTT: only " + counter.arrivals() + " arrived");
                }
            }
            double rate = batch.size() / seconds(t0);
            if (report) {
                results.put("a_raw_mqtt_msg_per_s", round(rate));
                print("(a) raw MQTT QoS 1, publish -> counting subscriber: %,.0f msg/s (%d messages)", rate, batch.size());
            }
            return rate;
        }
    }

    /** (b) the same readings as line protocol, batches of 5,000, two connections. */
    double rawInflux(InfluxServer influx, List<Message> batch) throws Exception {
        List<String> lines = new ArrayList<>();
        for (Message m : batch) {
            lines.add(lineProtocol(new String(m.payload(), StandardCharsets.UTF_8)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        long t0 = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += 5000) {
            String body = String.join("\n", lines.subList(i, Math.min(lines.size(), i + 5000)));
            futures.add(pool.submit(() -> influx.write("raw", "ms", body)));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double rate = lines.size() / seconds(t0);
        pool.shutdown();
        if (influx.scalar("raw", "SELECT count(pm25) FROM ambient") != lines.size()) {
            throw new IllegalStateException("raw InfluxDB lost points");
        }
        results.put("b_raw_influx_points_per_s", round(rate));
        print("(b) raw InfluxDB line protocol, batches of 5,000 on 2 connections: %,.0f points/s", rate);
        return rate;
    }

    /** (c) full speed through ingest; counted until every point is in InfluxDB. */
    double throughput(MosquittoServer mqtt, InfluxServer influx, List<Message> batch) throws Exception {
        try (MqttTestClient publisher = new MqttTestClient(mqtt.url(), "bench-pub-c")) {
            long t0 = System.nanoTime();
            check(publisher.publishAll(batch, window));
            double publishSeconds = seconds(t0);
            awaitCount(influx, "SELECT count(pm25) FROM ambient WHERE time >= '2024-12-31T16:00:00Z'"
                    + " AND time < '2025-06-01'", batch.size(), t0);
            double rate = batch.size() / seconds(t0);
            results.put("c_ingest_msg_per_s", round(rate));
            results.put("c_publish_seconds", round(publishSeconds));
            print("(c) MQTT -> ingest -> InfluxDB, zero loss (%d of %d stored): %,.0f msg/s", batch.size(), batch.size(), rate);
            return rate;
        }
    }

    /** (c) publish→stored latency at a steady rate: readings timed now (PT0S), ingest's lag metric. */
    void latency(MosquittoServer mqtt, BootJar ingest) throws Exception {
        try (MqttTestClient publisher = new MqttTestClient(mqtt.url(), "bench-pub-latency")) {
            long start = System.nanoTime();
            int total = rate * rateSeconds;
            for (int i = 0; i < total; i++) {
                long due = start + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                String station = String.format(Locale.ROOT, "BENCH-%03d", 1 + i % 300);
                OffsetDateTime now = OffsetDateTime.now(CST).truncatedTo(ChronoUnit.MILLIS);
                publisher.publishAll(List.of(new Message("aq/v1/ambient/" + station, reading(station, now, "PT0S", i)
                        .getBytes(StandardCharsets.UTF_8))), 1);
            }
            Thread.sleep(2000);
            String metrics = ingest.get("/actuator/prometheus").body();
            double p50 = quantile(metrics, "0.5") * 1000;
            double p99 = quantile(metrics, "0.99") * 1000;
            results.put("c_latency_rate_msg_per_s", rate);
            results.put("c_latency_p50_ms", round(p50));
            results.put("c_latency_p99_ms", round(p99));
            print("(c) publish -> stored latency at %,d msg/s for %d s: p50 %.0f ms, p99 %.0f ms (target p99 < 1,000 ms)",
                    rate, rateSeconds, p50, p99);
        }
    }

    /** (d) 300 stations × a day of minute data, as fast as they can. */
    void flood(MosquittoServer mqtt, InfluxServer influx) throws Exception {
        List<Message> day = readings(floodStations * floodMinutes, floodStations,
                OffsetDateTime.of(2025, 7, 1, 0, 0, 0, 0, CST), ChronoUnit.MINUTES);
        int publishers = 2;
        ExecutorService pool = Executors.newFixedThreadPool(publishers);
        long t0 = System.nanoTime();
        List<Future<List<Message>>> futures = new ArrayList<>();
        int share = (day.size() + publishers - 1) / publishers;
        for (int p = 0; p < publishers; p++) {
            List<Message> part = day.subList(p * share, Math.min(day.size(), (p + 1) * share));
            int id = p;
            futures.add(pool.submit(() -> {
                try (MqttTestClient publisher = new MqttTestClient(mqtt.url(), "bench-flood-" + id)) {
                    return publisher.publishAll(part, window);
                }
            }));
        }
        for (Future<List<Message>> f : futures) {
            check(f.get());
        }
        pool.shutdown();
        double published = seconds(t0);
        long stored = awaitCount(influx, "SELECT count(pm25) FROM ambient WHERE time >= '2025-06-30T16:00:00Z'"
                + " AND time < '2025-07-05'", day.size(), t0);
        double total = seconds(t0);
        results.put("d_flood_messages", day.size());
        results.put("d_flood_stored", stored);
        results.put("d_flood_publish_seconds", round(published));
        results.put("d_flood_all_stored_seconds", round(total));
        print("(d) backlog flood %d stations x %d minutes = %,d messages: published in %.1f s, all %,d stored after %.1f s"
                + " (target < 60 s, zero loss)", floodStations, floodMinutes, day.size(), published, stored, total);
    }

    static long awaitCount(InfluxServer influx, String query, long expected, long t0) throws InterruptedException {
        long count = 0;
        while (System.nanoTime() - t0 < Duration.ofMinutes(10).toNanos()) {
            count = (long) influx.scalar("airquality", query);
            if (count >= expected) {
                return count;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("only " + count + " of " + expected + " stored after 10 minutes");
    }

    static List<Message> readings(int n, int stations, OffsetDateTime start, ChronoUnit step) {
        List<Message> list = new ArrayList<>(n);
        String interval = step == ChronoUnit.MINUTES ? "PT1M" : "PT1H";
        for (int i = 0; i < n; i++) {
            String station = String.format(Locale.ROOT, "BENCH-%03d", 1 + i % stations);
            list.add(new Message("aq/v1/ambient/" + station,
                    reading(station, start.plus(i / stations, step), interval, i).getBytes(StandardCharsets.UTF_8)));
        }
        return list;
    }

    /** About 200 bytes, as a station sends. */
    static String reading(String station, OffsetDateTime time, String interval, int i) {
        return String.format(Locale.ROOT, "{\"station\":\"%s\",\"time\":\"%s\",\"interval\":\"%s\",\"values\":{\"pm25\":%d,"
                + "\"pm10\":%d,\"so2\":%d,\"no2\":%d,\"co\":%.1f,\"o3\":%d},\"flags\":{}}", station, time, interval,
                10 + i % 290, 20 + i % 400, 3 + i % 40, 10 + i % 90, 0.3 + (i % 30) / 10.0, 5 + i % 200);
    }

    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":(-?[0-9.]+)");
    private static final Pattern STATION = Pattern.compile("\"station\":\"([^\"]+)\"");
    private static final Pattern TIME = Pattern.compile("\"time\":\"([^\"]+)\"");

    /** The point ingest would write, as line protocol. */
    static String lineProtocol(String json) {
        Matcher s = STATION.matcher(json);
        Matcher t = TIME.matcher(json);
        s.find();
        t.find();
        StringBuilder fields = new StringBuilder();
        Matcher f = FIELD.matcher(json.substring(json.indexOf("\"values\"")));
        while (f.find()) {
            fields.append(fields.length() == 0 ? "" : ",").append(f.group(1)).append('=').append(f.group(2));
        }
        return "ambient,station=" + s.group(1) + ",county=bench,type=township,interval=PT1H " + fields + " "
                + OffsetDateTime.parse(t.group(1)).toInstant().toEpochMilli();
    }

    static double quantile(String prometheus, String q) {
        Matcher m = Pattern.compile("aq_ingest_lag_seconds\\{[^}]*quantile=\"" + Pattern.quote(q) + "\"[^}]*\\} ([0-9.eE+-]+)")
                .matcher(prometheus);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    static Path registry(Path dir, int stations) throws IOException {
        StringBuilder y = new StringBuilder("name: bench\ncounties:\n  - {code: bench, nameZh: 基准}\nstations:\n");
        for (int i = 1; i <= stations; i++) {
            y.append(String.format(Locale.ROOT, "  - {id: BENCH-%03d, name: b%d, county: bench, type: township, lat: 0, lon: 0,"
                    + " countsForCounty: true, countsForCity: true}%n", i, i));
        }
        Path file = dir.resolve("bench-registry.yml");
        Files.writeString(file, y + "sources: []\n", StandardCharsets.UTF_8);
        return file;
    }

    static void check(List<Message> failed) {
        if (!failed.isEmpty()) {
            throw new IllegalStateException(failed.size() + " publishes failed");
        }
    }

    static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    static String toJson(Map<String, Object> map) {
        StringBuilder b = new StringBuilder("{\n");
        int i = 0;
        for (Map.Entry<String, Object> e : map.entrySet()) {
            Object v = e.getValue();
            b.append("  \"").append(e.getKey()).append("\": ")
                    .append(v instanceof Number ? v.toString() : "\"" + v + "\"")
                    .append(++i < map.size() ? ",\n" : "\n");
        }
        return b.append("}\n").toString();
    }
}
