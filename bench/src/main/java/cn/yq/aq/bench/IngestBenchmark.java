package cn.yq.aq.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import cn.yq.aq.simulator.feed.Message;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The ingest benchmark: in one run, on this machine, with the same lean publisher ({@link RawMqtt}:
 * pre-encoded QoS 1 packets on plain sockets, so that the raw limit is the broker's) and the same
 * ~200-byte readings throughout: (a) the raw MQTT limit (publish → a subscriber that only counts),
 * (b) the raw InfluxDB limit (the same points as line protocol straight to InfluxDB), (c) MQTT →
 * ingest → InfluxDB with zero loss, cold (the first readings after ingest starts), the next readings and
 * warm (the JIT settled: the last of {@code --warm-runs}), with the CPU of ingest's threads by group, and
 * publish→stored latency at a steady rate, (d) a backlog flood (300 stations × a day of minute data).
 * Every run reports the CPU each process used per reading (/proc), the publisher's too, and ingest's
 * peak RSS. Prints the figures and writes them as JSON.
 */
@Command(name = "ingest-bench", mixinStandardHelpOptions = true,
        description = "Measure ingest throughput and latency against the raw MQTT and InfluxDB limits.")
public final class IngestBenchmark implements Callable<Integer> {

    static final ZoneOffset CST = ZoneOffset.ofHours(8);

    @Option(names = "--jar", required = true, description = "the ingest-service jar")
    Path jar;

    @Option(names = "--messages", defaultValue = "50000", description = "messages for (a), (b), (c) cold and (c) warm each")
    int messages;

    @Option(names = "--rate", defaultValue = "1000", description = "steady rate for the latency run, msg/s")
    int rate;

    @Option(names = "--rate-seconds", defaultValue = "20", description = "length of the latency run")
    int rateSeconds;

    @Option(names = "--flood-stations", defaultValue = "300")
    int floodStations;

    @Option(names = "--flood-minutes", defaultValue = "1440")
    int floodMinutes;

    @Option(names = "--window", defaultValue = "1000", description = "QoS 1 messages in flight per publisher connection")
    int window;

    @picocli.CommandLine.Mixin
    ResultsFile file;

    private final Map<String, Object> results = new LinkedHashMap<>();

    @Option(names = "--connections", defaultValue = "2", description = "publisher connections (raw MQTT client)")
    int connections;

    /** ingest's JVM options as up.sh runs it. */
    static final List<String> UP_SH_INGEST_JVM = List.of("-Xmx256m", "-XX:+UseParallelGC");

    @Option(names = "--ingest-jvm",
            description = "a JVM option for ingest (repeatable; instead of the default -Xmx256m -XX:+UseParallelGC, as up.sh runs"
                    + " it), e.g. -XX:+UseG1GC")
    List<String> ingestJvm = new ArrayList<>();

    @Option(names = "--warm-runs", defaultValue = "3",
            description = "runs after the cold one, each of --messages new readings: the first is 'the next readings', the last"
                    + " is reported as (c) warm (the JIT has settled by then)")
    int warmRuns;

    @Option(names = "--jfr-dump", description = "record ingest's warm run (JFR, profile settings) and dump it here")
    Path jfrDump;


    @Option(names = "--jfr-cold-dump", description = "record ingest from its start (JFR, default settings: samples and JIT"
            + " compilations) and dump it here after the cold run")
    Path jfrColdDump;

    @Option(names = "--jfr-settings", defaultValue = "default",
            description = "JFR settings of --jfr-cold-dump: default, profile or a .jfc file (e.g. with jdk.Compilation's threshold at 0 ms)")
    String jfrSettings;

    static void jcmd(BootJar jvm, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of("jcmd", Long.toString(jvm.pid())));
        args.addAll(List.of(command));
        new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("aq-bench-");
        if (warmRuns < 1 || warmRuns > 4 || messages > 300 * 24 * 28) {
            throw new IllegalArgumentException("--warm-runs is 1 to 4 (a month each), --messages at most 201,600 (a month)");
        }
        Path registry = registry(dir, Math.max(floodStations, 300));
        try (MosquittoServer mqtt = new MosquittoServer().start(); InfluxServer influx = new InfluxServer().start()) {
            influx.createDatabase("airquality");
            influx.createDatabase("raw");
            List<Message> cold = readings(messages, 300, OffsetDateTime.of(2025, 1, 1, 0, 0, 0, 0, CST), ChronoUnit.HOURS);

            // the publisher's own JIT warm-up, then (a) with the same publisher every later run uses
            rawMqtt(mqtt, readings(20_000, 300, OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, CST), ChronoUnit.HOURS), false);
            double a = rawMqtt(mqtt, cold, true);
            double b = rawInflux(influx, cold);
            List<String> jvm = new ArrayList<>(ingestJvm.isEmpty() ? UP_SH_INGEST_JVM : ingestJvm);
            if (jfrColdDump != null) {
                jvm.add("-XX:StartFlightRecording=name=cold,settings=" + jfrSettings);
            }
            try (BootJar ingest = new BootJar(jar, jvm, List.of("--aq.mqtt.url=" + mqtt.url(), "--aq.influx.url=" + influx.url(),
                    "--aq.hj212.port=0", "--aq.registry.file=" + registry, "--aq.mqtt.client-id=bench-ingest",
                    "--logging.level.root=WARN")).start()) {
                double c = ingestRun("c_cold", "(c) ingest cold, the first readings after its start", mqtt, influx, ingest, cold,
                        "time >= '2024-12-31T16:00:00Z' AND time < '2025-02-28T16:00:00Z'", a);
                if (jfrColdDump != null) {
                    jcmd(ingest, "JFR.dump", "name=cold", "filename=" + jfrColdDump.toAbsolutePath());
                    jcmd(ingest, "JFR.stop", "name=cold");
                }
                double w = 0;
                for (int run = 1; run <= warmRuns; run++) { // each run a fresh month of readings (March to June)
                    if (run == warmRuns && jfrDump != null) { // profile the last warm run only: dumped after it
                        jcmd(ingest, "JFR.start", "name=warm", "settings=profile");
                    }
                    OffsetDateTime month = OffsetDateTime.of(2025, 2 + run, 1, 0, 0, 0, 0, CST);
                    w = ingestRun(run == warmRuns ? "c_warm" : "c_warm" + run, run == warmRuns ? "(c) ingest warm (run " + run + ")"
                                    : "(c) ingest, run " + run + " after the cold one", mqtt,
                            influx, ingest, readings(messages, 300, month, ChronoUnit.HOURS),
                            "time >= '" + month.toInstant() + "' AND time < '" + month.plusMonths(1).toInstant() + "'", a);
                }
                if (jfrDump != null) {
                    jcmd(ingest, "JFR.dump", "name=warm", "filename=" + jfrDump.toAbsolutePath());
                }
                results.put("c_cold_vs_warm", round(c / w));
                if (warmRuns > 1) {
                    results.put("c_cold_vs_warm1", round(c / (double) results.get("c_warm1_msg_per_s")));
                    print("(c) cold / the next %,d = %.2f", messages, results.get("c_cold_vs_warm1"));
                }
                print("(c) cold / warm = %.2f (target >= 0.8)", c / w);
                ingest.restart(); // a fresh lag metric: only the latency run's readings in it
                latency(mqtt, ingest);
                flood(mqtt, influx, ingest);
                double limit = Math.min(a, b);
                results.put("c_warm_vs_min_a_b", round(w / limit));
                print("(c) warm / min(a, b) = %.2f", w / limit);
            }
        }
        results.put("ingest_jvm", String.join(" ", ingestJvm.isEmpty() ? UP_SH_INGEST_JVM : ingestJvm));
        Map<String, Object> line = file.start("ingest-bench");
        line.putAll(results);
        file.append(line);
        return 0;
    }

    /** CPU time a process has used so far (user + system), from /proc (Linux, 100 clock ticks a second). */
    static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
        } catch (IOException e) {
            throw new IllegalStateException("no /proc/" + pid + "/stat", e);
        }
    }

    /**
     * CPU each group of a process's threads has used so far (Linux thread names, digits dropped:
     * "C2 CompilerThre", "influx-writer-", "MQTT Rec: …"), from /proc/<pid>/task.
     */
    static Map<String, Long> threadCpu(long pid) {
        Map<String, Long> groups = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "").trim();
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    groups.merge(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L, Long::sum);
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("no /proc/" + pid + "/task", e);
        }
        return groups;
    }

    /** Where a run's CPU went inside ingest: µs per reading by thread group, the largest first. */
    static String threadCpuPerReading(Map<String, Long> before, Map<String, Long> after, long readings) {
        StringBuilder text = new StringBuilder();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(8)
                .forEach(e -> text.append(text.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                        .append(String.format(Locale.ROOT, "%.1f", perReading(e.getValue(), readings))));
        return text.toString();
    }

    /** The peak resident set of a process so far, MiB (VmHWM). */
    static double peakRssMib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Double.NaN;
    }

    /** µs of CPU per reading. */
    static double perReading(long nanos, long readings) {
        return round(nanos / 1000.0 / readings);
    }

    /** (a) the raw publisher → broker → a counting subscriber; CPU of broker, publisher and subscriber. */
    double rawMqtt(MosquittoServer mqtt, List<Message> batch, boolean report) throws Exception {
        try (RawMqtt.Counter counter = new RawMqtt.Counter("127.0.0.1", mqtt.port(), "aq/v1/ambient/#")) {
            long broker0 = cpuNanos(mqtt.pid());
            long t0 = System.nanoTime();
            RawMqtt.Published p = RawMqtt.publishAll("127.0.0.1", mqtt.port(), batch, connections, window);
            while (counter.count() < batch.size()) {
                Thread.sleep(2);
                if (System.nanoTime() - t0 > Duration.ofMinutes(5).toNanos()) {
                    throw new IllegalStateException("raw MQTT: only " + counter.count() + " arrived");
                }
            }
            double rate = batch.size() / seconds(t0);
            long broker = cpuNanos(mqtt.pid()) - broker0;
            if (report) {
                results.put("a_raw_mqtt_msg_per_s", round(rate));
                results.put("a_broker_cpu_us_per_msg", perReading(broker, batch.size()));
                results.put("a_publisher_cpu_us_per_msg", perReading(p.cpuNanos(), batch.size()));
                results.put("a_publisher_cores", round(p.cpuNanos() / 1e9 / seconds(t0)));
                results.put("a_subscriber_cpu_us_per_msg", perReading(counter.cpuNanos(), batch.size()));
                print("(a) raw MQTT QoS 1, %d connections x %d in flight -> counting subscriber: %,.0f msg/s; CPU per message:"
                                + " broker %.1f us, publisher %.1f us (%.2f cores), subscriber %.1f us", connections, window, rate,
                        perReading(broker, batch.size()), perReading(p.cpuNanos(), batch.size()), p.cpuNanos() / 1e9 / seconds(t0),
                        perReading(counter.cpuNanos(), batch.size()));
            }
            return rate;
        }
    }

    /** (b) the same readings as line protocol, batches of 5,000, two connections; influxd's CPU. */
    double rawInflux(InfluxServer influx, List<Message> batch) throws Exception {
        List<String> lines = new ArrayList<>();
        for (Message m : batch) {
            lines.add(lineProtocol(new String(m.payload(), StandardCharsets.UTF_8)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        long influx0 = cpuNanos(influx.pid());
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
        long cpu = cpuNanos(influx.pid()) - influx0;
        pool.shutdown();
        if (influx.scalar("raw", "SELECT count(pm25) FROM ambient") != lines.size()) {
            throw new IllegalStateException("raw InfluxDB lost points");
        }
        results.put("b_raw_influx_points_per_s", round(rate));
        results.put("b_influxd_cpu_us_per_point", perReading(cpu, lines.size()));
        print("(b) raw InfluxDB line protocol, batches of 5,000 on 2 connections: %,.0f points/s; influxd %.1f us CPU per point",
                rate, perReading(cpu, lines.size()));
        return rate;
    }

    /** One run through ingest with the raw publisher, counted until every point is stored; CPU of each process. */
    double ingestRun(String key, String what, MosquittoServer mqtt, InfluxServer influx, BootJar ingest, List<Message> batch,
                     String timeRange, double rawMqtt) throws Exception {
        long ingest0 = cpuNanos(ingest.pid());
        Map<String, Long> threads0 = threadCpu(ingest.pid());
        long broker0 = cpuNanos(mqtt.pid());
        long influx0 = cpuNanos(influx.pid());
        double written0 = written(ingest);
        long t0 = System.nanoTime();
        double start = System.currentTimeMillis() / 1000.0;
        RawMqtt.Published p = RawMqtt.publishAll("127.0.0.1", mqtt.port(), batch, connections, window);
        double elapsed = awaitWritten(ingest, written0 + batch.size(), start);
        awaitCount(influx, "SELECT count(pm25) FROM ambient WHERE " + timeRange, batch.size(), t0); // zero loss, checked
        String threads = threadCpuPerReading(threads0, threadCpu(ingest.pid()), batch.size());
        double rate = batch.size() / elapsed;
        double ingestUs = perReading(cpuNanos(ingest.pid()) - ingest0, batch.size());
        double brokerUs = perReading(cpuNanos(mqtt.pid()) - broker0, batch.size());
        double influxUs = perReading(cpuNanos(influx.pid()) - influx0, batch.size());
        results.put(key + "_msg_per_s", round(rate));
        results.put(key + "_vs_raw_mqtt", round(rate / rawMqtt));
        results.put(key + "_ingest_cpu_us_per_reading", ingestUs);
        results.put(key + "_broker_cpu_us_per_reading", brokerUs);
        results.put(key + "_influxd_cpu_us_per_reading", influxUs);
        results.put(key + "_publisher_cpu_us_per_reading", perReading(p.cpuNanos(), batch.size()));
        print("%s: %,d stored, zero loss, %,.0f msg/s (%.2f x raw MQTT); CPU per reading: ingest %.1f us, broker %.1f us,"
                        + " influxd %.1f us, publisher %.1f us", what, batch.size(), rate, rate / rawMqtt, ingestUs, brokerUs, influxUs,
                perReading(p.cpuNanos(), batch.size()));
        print("    ingest's threads, CPU us per reading: %s", threads);
        results.put(key + "_ingest_threads_us_per_reading", threads);
        return rate;
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
                publisher.publishAll(List.of(new MqttTestClient.Message("aq/v1/ambient/" + station, reading(station, now, "PT0S", i)
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

    /** (d) 300 stations × a day of minute data, as fast as the raw publisher can; ingest's peak RSS. */
    void flood(MosquittoServer mqtt, InfluxServer influx, BootJar ingest) throws Exception {
        List<Message> day = readings(floodStations * floodMinutes, floodStations,
                OffsetDateTime.of(2025, 7, 1, 0, 0, 0, 0, CST), ChronoUnit.MINUTES);
        long ingest0 = cpuNanos(ingest.pid());
        Map<String, Long> threads0 = threadCpu(ingest.pid());
        long broker0 = cpuNanos(mqtt.pid());
        long influx0 = cpuNanos(influx.pid());
        double written0 = written(ingest);
        long t0 = System.nanoTime();
        double start = System.currentTimeMillis() / 1000.0;
        RawMqtt.Published p = RawMqtt.publishAll("127.0.0.1", mqtt.port(), day, connections, window);
        double published = seconds(t0);
        double total = awaitWritten(ingest, written0 + day.size(), start);
        long stored = awaitCount(influx, "SELECT count(pm25) FROM ambient WHERE time >= '2025-06-30T16:00:00Z'"
                + " AND time < '2025-07-05'", day.size(), t0);
        results.put("d_flood_messages", day.size());
        results.put("d_flood_stored", stored);
        results.put("d_flood_publish_seconds", round(published));
        results.put("d_flood_all_stored_seconds", round(total));
        results.put("d_flood_ingest_cpu_us_per_reading", perReading(cpuNanos(ingest.pid()) - ingest0, day.size()));
        results.put("d_flood_broker_cpu_us_per_reading", perReading(cpuNanos(mqtt.pid()) - broker0, day.size()));
        results.put("d_flood_influxd_cpu_us_per_reading", perReading(cpuNanos(influx.pid()) - influx0, day.size()));
        results.put("d_flood_publisher_cpu_us_per_reading", perReading(p.cpuNanos(), day.size()));
        results.put("d_ingest_peak_rss_mib", round(peakRssMib(ingest.pid())));
        String threads = threadCpuPerReading(threads0, threadCpu(ingest.pid()), day.size());
        results.put("d_flood_ingest_threads_us_per_reading", threads);
        print("(d) backlog flood %d stations x %d minutes = %,d messages: published in %.1f s, all %,d stored after %.1f s"
                        + " (target <= 10 s, zero loss); CPU per reading: ingest %.1f us, broker %.1f us, influxd %.1f us;"
                        + " ingest peak RSS %.0f MiB", floodStations, floodMinutes, day.size(), published, stored, total,
                results.get("d_flood_ingest_cpu_us_per_reading"), results.get("d_flood_broker_cpu_us_per_reading"),
                results.get("d_flood_influxd_cpu_us_per_reading"), peakRssMib(ingest.pid()));
        print("    ingest's threads, CPU us per reading: %s", threads);
    }

    /** Points ingest's writer says it stored so far. */
    static double written(BootJar ingest) {
        return cn.yq.aq.testsupport.PrometheusText.sum(ingest.get("/actuator/prometheus").body(), "aq_ingest_points_written_total",
                Map.of());
    }

    /**
     * Waits until ingest's writer has stored {@code total} points and answers the seconds from {@code start} (epoch) to the
     * moment it stored the last of them, as the writer itself recorded it: the end of a run is not blurred by how often
     * this asks.
     */
    static double awaitWritten(BootJar ingest, double total, double start) throws InterruptedException {
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < Duration.ofMinutes(10).toNanos()) {
            String scrape = ingest.get("/actuator/prometheus").body();
            if (cn.yq.aq.testsupport.PrometheusText.sum(scrape, "aq_ingest_points_written_total", Map.of()) >= total) {
                return cn.yq.aq.testsupport.PrometheusText.sum(scrape, "aq_ingest_write_last_seconds", Map.of()) - start;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("ingest's writer did not store " + total + " points within 10 minutes");
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
}
