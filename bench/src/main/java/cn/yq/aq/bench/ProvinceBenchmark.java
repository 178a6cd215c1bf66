package cn.yq.aq.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import cn.yq.aq.simulator.feed.Message;
import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.testsupport.BootJar;
import cn.yq.aq.testsupport.GatewaySigner;
import cn.yq.aq.testsupport.InfluxServer;
import cn.yq.aq.testsupport.Json;
import cn.yq.aq.testsupport.MosquittoServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * A province on one machine (README "Where one machine ends"): Shanxi's 11 cities and 119 county-level units, 1,500
 * ambient stations (600 of them township micro-stations sending minute data) and 3,000 boilers' CEMS sending minute
 * data, against a real Mosquitto and InfluxDB and ingest-service and target-service as shipped (up.sh's JVM options).
 * In one run: (1) a year of the stations' hourly data written straight to InfluxDB, then the year's daily recompute
 * (daily AQI, indices, ranking, pre-review) beside the raw read of the same rows; (2) the composite index and ranking of
 * the 119 units for a month from the materialised days; (3) an hour of the province's traffic (every minute and hourly
 * reading) through MQTT and ingest to stored, beside the same points written straight to InfluxDB; (4) that hour's
 * materialisation as the hourly run does it (the recent days: hourly and daily AQI, cems_hourly, vocs_hourly, with the
 * pre-review) beside the raw read of its rows, and the pre-review on its own; (5) each process's peak RSS, InfluxDB's
 * series and its disk per month of data. One JSON line per run ({@link ResultsFile}).
 */
@Command(name = "province-bench", mixinStandardHelpOptions = true,
        description = "A Shanxi-sized province on one machine: an hour through ingest, its materialisation, the 119-unit ranking, a year's recompute.")
public final class ProvinceBenchmark implements Callable<Integer> {

    static final ZoneOffset CST = ZoneOffset.ofHours(8);
    /** The synthetic year; the hour of traffic is the first hour after it. */
    static final LocalDate YEAR = LocalDate.of(2025, 1, 1);

    @Option(names = "--ingest-jar", required = true)
    Path ingestJar;

    @Option(names = "--target-jar", required = true)
    Path targetJar;

    @Option(names = "--cities", defaultValue = "11")
    int cities;

    @Option(names = "--units", defaultValue = "119")
    int units;

    @Option(names = "--stations", defaultValue = "1500", description = "ambient stations, micro-stations and parks included")
    int stations;

    @Option(names = "--micro", defaultValue = "600", description = "township micro-stations (minute data)")
    int micro;

    @Option(names = "--parks", defaultValue = "60", description = "industrial-park stations (with NMHC: vocs_hourly)")
    int parks;

    @Option(names = "--sources", defaultValue = "3000", description = "boilers' CEMS (minute data)")
    int sources;

    @Option(names = "--days", defaultValue = "365", description = "days of the synthetic year")
    int days;

    @Option(names = "--connections", defaultValue = "2", description = "publisher connections")
    int connections;

    @Option(names = "--window", defaultValue = "1000", description = "QoS 1 messages in flight per connection")
    int window;

    @Option(names = "--target-jfr", description = "record target-service during the hour's materialisation (JFR, profile"
            + " settings) and dump it here")
    Path targetJfr;

    @Mixin
    ResultsFile file;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("aq-province-");
        ProvinceRegistry.Province province = ProvinceRegistry.write(dir, cities, units, stations, parks, micro, sources);
        Map<String, Object> line = file.start("province-bench");
        line.put("cities", cities);
        line.put("units", units);
        line.put("stations", province.stations());
        line.put("micro_stations", micro);
        line.put("sources", sources);
        Map<String, Double> rss = new LinkedHashMap<>();
        // snapshots of cold caches after 10 s (not 10 min): the disk figures are of TSM files, not of the write-ahead log
        try (MosquittoServer mqtt = new MosquittoServer().start();
             InfluxServer influx = new InfluxServer().setting("INFLUXDB_DATA_CACHE_SNAPSHOT_WRITE_COLD_DURATION", "10s").start()) {
            influx.createDatabase("airquality");
            influx.createDatabase("raw");
            yearWritten(influx, province, line);
            influxPeak(influx, "year_write");
            try (BootJar target = new BootJar(targetJar, List.of("-Xmx256m"), List.of("--aq.influx.url=" + influx.url(),
                    "--aq.registry.file=" + province.file(), "--aq.materialization.scheduled=false", "--logging.level.root=WARN",
                    "--logging.level.cn.yq.aq.target.aqi.AqiMaterializer=INFO")).start();
                 BootJar ingest = new BootJar(ingestJar, IngestBenchmark.UP_SH_INGEST_JVM, List.of("--aq.mqtt.url=" + mqtt.url(),
                         "--aq.influx.url=" + influx.url(), "--aq.hj212.port=0", "--aq.registry.file=" + province.file(),
                         "--logging.level.root=WARN")).start()) {
                yearRecompute(influx, target, province, line);
                ranking(influx, target, line);
                influxPeak(influx, "ranking");
                double year = diskMib(influx, "airquality");
                hourThroughIngest(mqtt, influx, ingest, province, line);
                influxPeak(influx, "hour_ingest");
                hourMaterialised(influx, target, province, line);
                influxPeak(influx, "hour_materialise");
                line.put("hour_total_s", IngestBenchmark.round((double) line.get("hour_ingest_s") + (double) line.get("hour_materialise_s")));
                line.put("series", series(influx));
                // a month: a twelfth of the year's hourly data with what it materialised, and 30 days of the minute traffic
                // (a day of it written straight to a database of its own: blocks of a day's length, as a month's shards hold)
                double day = dayOfTraffic(influx, province);
                line.put("disk_mib_year_hourly", IngestBenchmark.round(year));
                line.put("disk_mib_day_of_traffic", IngestBenchmark.round(day));
                line.put("disk_mib_per_month", Math.round(year / 12 * (365.0 / days) + day * 30));
                rss.put("ingest-service", IngestBenchmark.peakRssMib(ingest.pid()));
                rss.put("target-service", IngestBenchmark.peakRssMib(target.pid()));
            }
            influxPeak(influx, "series_count_and_day_of_traffic");
            rss.put("influxd", (double) influxPeaks.values().stream().mapToLong(Long::longValue).max().orElse(0));
            rss.put("mosquitto", IngestBenchmark.peakRssMib(mqtt.pid()));
        }
        rss.replaceAll((k, v) -> (double) Math.round(v));
        line.put("peak_rss_mib", rss);
        line.put("influxd_peak_rss_mib_by_step", influxPeaks);
        IngestBenchmark.print("hour of the province: %,d readings stored in %.1f s, materialised and pre-reviewed in %.1f s: %.1f s"
                        + " (target < 300 s); peak RSS MiB %s; %,d series; about %,d MiB of disk per month", line.get("hour_readings"),
                line.get("hour_ingest_s"), line.get("hour_materialise_s"), line.get("hour_total_s"), rss, line.get("series"),
                line.get("disk_mib_per_month"));
        file.append(line);
        return 0;
    }

    /** InfluxDB's peak RSS by step (MiB): what each step needs of it. */
    private final Map<String, Long> influxPeaks = new LinkedHashMap<>();

    /** Notes InfluxDB's peak RSS since the last step and starts the next step's (Linux: clear_refs 5 resets VmHWM). */
    private void influxPeak(InfluxServer influx, String step) throws Exception {
        double peak = IngestBenchmark.peakRssMib(influx.pid());
        influxPeaks.put(step, Math.round(peak));
        Files.writeString(Path.of("/proc/" + influx.pid() + "/clear_refs"), "5");
    }

    /** (1) a year of hourly data of every station, straight to InfluxDB (the setting, timed for information). */
    void yearWritten(InfluxServer influx, ProvinceRegistry.Province province, Map<String, Object> line) throws Exception {
        long t0 = System.nanoTime();
        long points = 0;
        List<String> all = province.allStations();
        try (BulkWriter writer = new BulkWriter(influx, "airquality")) {
            for (int i = 0; i < all.size(); i++) {
                StringBuilder batch = new StringBuilder();
                points += SyntheticHours.append(batch, all.get(i), i + 1, YEAR, days);
                writer.write(batch.toString());
            }
        }
        line.put("year_points", points);
        line.put("year_write_s", IngestBenchmark.round(IngestBenchmark.seconds(t0)));
        IngestBenchmark.print("(1) %,d hourly points of %,d stations (%d days) written straight to InfluxDB in %.1f s", points,
                all.size(), days, IngestBenchmark.seconds(t0));
    }

    /** (1) the year's daily recompute beside the raw read of the hours it reads; CPU per station-day. */
    void yearRecompute(InfluxServer influx, BootJar target, ProvinceRegistry.Province province, Map<String, Object> line)
            throws Exception {
        LocalDate last = YEAR.plusDays(days - 1);
        long target0 = IngestBenchmark.cpuNanos(target.pid());
        long influx0 = IngestBenchmark.cpuNanos(influx.pid());
        long t0 = System.nanoTime();
        JsonNode summary = recompute(target, YEAR, last, false);
        double seconds = IngestBenchmark.seconds(t0);
        long stationDays = (long) province.stations() * days;
        double targetUs = IngestBenchmark.perReading(IngestBenchmark.cpuNanos(target.pid()) - target0, stationDays);
        double influxUs = IngestBenchmark.perReading(IngestBenchmark.cpuNanos(influx.pid()) - influx0, stationDays);
        influxPeak(influx, "year_recompute");
        long rawInflux0 = IngestBenchmark.cpuNanos(influx.pid());
        double raw = rawRead(influx, List.of(ambientHours(YEAR, last)));
        influxPeak(influx, "year_raw_read");
        line.put("year_raw_read_influxd_cpu_us_per_station_day",
                IngestBenchmark.perReading(IngestBenchmark.cpuNanos(influx.pid()) - rawInflux0, stationDays));
        line.put("year_recompute_s", IngestBenchmark.round(seconds));
        line.put("year_raw_read_s", IngestBenchmark.round(raw));
        line.put("year_recompute_vs_raw_read", IngestBenchmark.round(raw / seconds));
        line.put("year_recompute_target_cpu_us_per_station_day", targetUs);
        line.put("year_recompute_influxd_cpu_us_per_station_day", influxUs);
        line.put("year_suspects", summary.path("suspects").asInt());
        IngestBenchmark.print("(1) the year's daily recompute for %,d stations (daily AQI, indices, ranking, pre-review): %.1f s (target"
                        + " < 60 s); the raw read of its hours %.1f s (ratio %.2f, target >= 0.5); CPU per station-day: target-service"
                        + " %.1f us, influxd %.1f us; %d suspect spans", province.stations(), seconds, raw, raw / seconds, targetUs, influxUs,
                summary.path("suspects").asInt());
        try (var lines = Files.lines(target.logFile())) {
            lines.filter(l -> l.contains("AQI recompute ")).reduce((a, b) -> b)
                    .ifPresent(l -> line.put("year_recompute_breakdown", l.substring(l.indexOf("AQI recompute "))));
        }
    }

    /** (2) the month's composite index and ranking of the units from the materialised days: median of 11 calls. */
    void ranking(InfluxServer influx, BootJar target, Map<String, Object> line) throws Exception {
        LocalDate month = YEAR.plusDays(days - 1).withDayOfMonth(1);
        URI uri = URI.create(target.url() + "/api/v1/index/counties?from=" + month + "&to=" + month.plusMonths(1).minusDays(1));
        double[] ms = new double[11];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(GatewaySigner.bureau(uri).build(), HttpResponse.BodyHandlers.ofString());
            ms[i] = (System.nanoTime() - t0) / 1e6;
            int ranked = r.statusCode() == 200 ? Json.values(Json.parse(r.body()), "rank").size() : 0;
            if (ranked != units) {
                throw new IllegalStateException("ranking of " + units + " units: " + r.statusCode() + ", " + ranked + " ranked");
            }
        }
        Arrays.sort(ms);
        String start = month.atStartOfDay(BeijingTime.ZONE).toInstant().toString();
        String end = month.plusMonths(1).atStartOfDay(BeijingTime.ZONE).toInstant().toString();
        double raw = rawRead(influx, List.of("SELECT * FROM aqi_daily WHERE time >= '" + start + "' AND time < '" + end + "' GROUP BY *"));
        line.put("ranking_119_ms", IngestBenchmark.round(ms[ms.length / 2]));
        line.put("ranking_119_max_ms", IngestBenchmark.round(ms[ms.length - 1]));
        line.put("ranking_raw_read_ms", IngestBenchmark.round(raw * 1000));
        IngestBenchmark.print("(2) the month's composite index and ranking of %d units from the materialised days: median %.0f ms, max"
                + " %.0f ms (target < 1 s); the raw read of the month's daily rows %.0f ms", units, ms[ms.length / 2], ms[ms.length - 1], raw * 1000);
    }

    /** (3) an hour of every station's and source's readings through MQTT and ingest, beside the same points straight to InfluxDB. */
    void hourThroughIngest(MosquittoServer mqtt, InfluxServer influx, BootJar ingest, ProvinceRegistry.Province province,
                           Map<String, Object> line) throws Exception {
        OffsetDateTime hour = YEAR.plusDays(days).atStartOfDay().atOffset(CST);
        List<Message> messages = new ArrayList<>();
        List<String> points = new ArrayList<>();
        Hour.of(province, hour, messages, points);
        long ingest0 = IngestBenchmark.cpuNanos(ingest.pid());
        long broker0 = IngestBenchmark.cpuNanos(mqtt.pid());
        long influx0 = IngestBenchmark.cpuNanos(influx.pid());
        double written0 = IngestBenchmark.written(ingest);
        double start = System.currentTimeMillis() / 1000.0;
        RawMqtt.Published p = RawMqtt.publishAll("127.0.0.1", mqtt.port(), messages, connections, window);
        double seconds = IngestBenchmark.awaitWritten(ingest, written0 + messages.size(), start);
        int n = messages.size();
        line.put("hour_readings", n);
        line.put("hour_ingest_s", IngestBenchmark.round(seconds));
        line.put("hour_ingest_cpu_us_per_reading", IngestBenchmark.perReading(IngestBenchmark.cpuNanos(ingest.pid()) - ingest0, n));
        line.put("hour_broker_cpu_us_per_reading", IngestBenchmark.perReading(IngestBenchmark.cpuNanos(mqtt.pid()) - broker0, n));
        line.put("hour_influxd_cpu_us_per_reading", IngestBenchmark.perReading(IngestBenchmark.cpuNanos(influx.pid()) - influx0, n));
        line.put("hour_publisher_cpu_us_per_reading", IngestBenchmark.perReading(p.cpuNanos(), n));
        String window = "time >= '" + hour.toInstant() + "' AND time < '" + hour.plusHours(1).toInstant() + "'";
        long stored = (long) (influx.scalar("airquality", "SELECT count(pm25) FROM ambient WHERE " + window)
                + influx.scalar("airquality", "SELECT count(o2) FROM cems WHERE " + window));
        if (stored != n) {
            throw new IllegalStateException("the hour's readings: " + n + " published, " + stored + " stored");
        }
        // the raw limit: the same points as line protocol, batches of 5,000 on two connections
        long rawInflux0 = IngestBenchmark.cpuNanos(influx.pid());
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> writes = new ArrayList<>();
        for (int i = 0; i < points.size(); i += 5000) {
            String body = String.join("\n", points.subList(i, Math.min(points.size(), i + 5000)));
            writes.add(pool.submit(() -> influx.write("raw", "s", body)));
        }
        for (Future<?> f : writes) {
            f.get();
        }
        pool.shutdown();
        double raw = IngestBenchmark.seconds(t0);
        line.put("raw_write_s", IngestBenchmark.round(raw));
        line.put("hour_ingest_vs_raw_write", IngestBenchmark.round(raw / seconds));
        line.put("raw_write_influxd_cpu_us_per_point", IngestBenchmark.perReading(IngestBenchmark.cpuNanos(influx.pid()) - rawInflux0, n));
        IngestBenchmark.print("(3) an hour of the province, %,d readings (%d hourly stations, %d micro-stations and %d CEMS each a reading a"
                        + " minute and an hourly one) through MQTT and ingest: stored in %.1f s (the writer's own clock), %,.0f readings/s;"
                        + " straight to InfluxDB %.1f s (ratio %.2f); CPU per reading: ingest %.1f us, broker %.1f us, influxd %.1f us,"
                        + " publisher %.1f us", n, province.assessed().size() + province.parks().size(), province.micro().size(),
                province.sources().size(), seconds, n / seconds, raw, raw / seconds, line.get("hour_ingest_cpu_us_per_reading"),
                line.get("hour_broker_cpu_us_per_reading"), line.get("hour_influxd_cpu_us_per_reading"),
                line.get("hour_publisher_cpu_us_per_reading"));
    }

    /**
     * (4) the hour's materialisation as the hourly run does it, the day before included (its recent days: hourly and daily
     * AQI, indices, cems_hourly, vocs_hourly, with the pre-review), beside the raw read of the rows it reads; then the
     * pre-review of the same days on its own.
     */
    void hourMaterialised(InfluxServer influx, BootJar target, ProvinceRegistry.Province province, Map<String, Object> line)
            throws Exception {
        LocalDate day = YEAR.plusDays(days);
        LocalDate from = day.minusDays(1);
        if (targetJfr != null) {
            IngestBenchmark.jcmd(target, "JFR.start", "name=hour", "settings=profile");
        }
        long target0 = IngestBenchmark.cpuNanos(target.pid());
        long t0 = System.nanoTime();
        JsonNode summary = recompute(target, from, day, true);
        double seconds = IngestBenchmark.seconds(t0);
        if (targetJfr != null) {
            IngestBenchmark.jcmd(target, "JFR.dump", "name=hour", "filename=" + targetJfr.toAbsolutePath());
        }
        double targetCpu = (IngestBenchmark.cpuNanos(target.pid()) - target0) / 1e9;
        String start = from.atStartOfDay(BeijingTime.ZONE).toInstant().toString();
        String end = day.plusDays(1).atStartOfDay(BeijingTime.ZONE).toInstant().toString();
        double raw = rawRead(influx, List.of(ambientHours(from, day),
                "SELECT pm, pm_flag, so2, so2_flag, nox, nox_flag, o2, o2_flag, flow, flow_flag FROM cems WHERE \"interval\" = 'PT1H'"
                        + " AND time >= '" + start + "' AND time < '" + end + "' GROUP BY source",
                "SELECT nmhc, nmhc_flag FROM ambient WHERE \"interval\" = 'PT1H' AND time >= '" + start + "' AND time < '" + end
                        + "' GROUP BY station"));
        long r0 = System.nanoTime();
        HttpResponse<String> review = http.send(GatewaySigner.bureau(URI.create(target.url() + "/api/v1/review/prereview?from=" + from
                        + "&to=" + day)).timeout(Duration.ofMinutes(30)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        double reviewSeconds = IngestBenchmark.seconds(r0);
        if (review.statusCode() != 200) {
            throw new IllegalStateException("pre-review: " + review.statusCode() + " " + review.body());
        }
        if (summary.path("cemsHours").asInt() < province.sources().size() || summary.path("vocsHours").asInt() < province.parks().size()) {
            throw new IllegalStateException("the hour's CEMS and NMHC were not materialised: " + summary);
        }
        line.put("hour_materialise_s", IngestBenchmark.round(seconds));
        line.put("hour_review_s", IngestBenchmark.round(reviewSeconds));
        line.put("raw_read_s", IngestBenchmark.round(raw));
        line.put("materialise_vs_raw_read", IngestBenchmark.round(raw / seconds));
        line.put("hour_materialise_target_cpu_s", IngestBenchmark.round(targetCpu));
        line.put("hour_suspects", summary.path("suspects").asInt());
        try (var lines = Files.lines(target.logFile())) {
            lines.filter(l -> l.contains("AQI recompute " + from)).reduce((a, b) -> b)
                    .ifPresent(l -> line.put("hour_materialise_breakdown", l.substring(l.indexOf("AQI recompute "))));
        }
        IngestBenchmark.print("(4) the hourly run over the hour and the day before (%,d stations' hourly and daily AQI, %,d cems_hourly, %,d"
                        + " vocs_hourly, pre-review): %.1f s, target-service CPU %.1f s; the raw read of its rows %.2f s (ratio %.2f,"
                        + " target >= 0.5); the pre-review alone %.1f s", province.stations(), summary.path("cemsHours").asInt(),
                summary.path("vocsHours").asInt(), seconds, targetCpu, raw, raw / seconds, reviewSeconds);
    }

    JsonNode recompute(BootJar target, LocalDate from, LocalDate to, boolean hourly) throws Exception {
        HttpResponse<String> r = http.send(GatewaySigner.bureau(URI.create(target.url() + "/api/v1/admin/recompute?from=" + from + "&to="
                        + to + "&hourly=" + hourly)).timeout(Duration.ofMinutes(30)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("recompute: " + r.statusCode() + " " + r.body());
        }
        return Json.parse(r.body());
    }

    static String ambientHours(LocalDate from, LocalDate to) {
        return "SELECT pm25, pm25_flag, pm10, pm10_flag, so2, so2_flag, no2, no2_flag, co, co_flag, o3, o3_flag FROM ambient WHERE"
                + " \"interval\" = 'PT1H' AND time >= '" + from.atStartOfDay(BeijingTime.ZONE).toInstant() + "' AND time < '"
                + to.plusDays(1).atStartOfDay(BeijingTime.ZONE).toInstant() + "' GROUP BY station";
    }

    /** Seconds to read the rows of the queries straight from InfluxDB (CSV, each answer read to its end). */
    double rawRead(InfluxServer influx, List<String> queries) throws Exception {
        long t0 = System.nanoTime();
        for (String q : queries) {
            // streamed in chunks, as one reads millions of rows (an answer in one piece costs InfluxDB gigabytes)
            HttpResponse<java.io.InputStream> a = http.send(HttpRequest.newBuilder(URI.create(influx.url()
                    + "/query?db=airquality&epoch=ms&chunked=true&chunk_size=10000&q="
                    + URLEncoder.encode(q, StandardCharsets.UTF_8))).header("Accept", "application/csv").build(), HttpResponse.BodyHandlers.ofInputStream());
            try (var in = a.body()) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            if (a.statusCode() != 200) {
                throw new IllegalStateException("raw read: " + a.statusCode() + " for " + q);
            }
        }
        return IngestBenchmark.seconds(t0);
    }

    /** The database's series: the series keys SHOW SERIES lists (each once, whatever the shards). */
    long series(InfluxServer influx) throws Exception {
        HttpResponse<java.util.stream.Stream<String>> a = http.send(HttpRequest.newBuilder(URI.create(influx.url()
                + "/query?db=airquality&q=" + URLEncoder.encode("SHOW SERIES", StandardCharsets.UTF_8)))
                .header("Accept", "application/csv").build(), HttpResponse.BodyHandlers.ofLines());
        try (var lines = a.body()) {
            return lines.filter(l -> !l.isBlank() && !l.startsWith("name,")).count();
        }
    }

    /**
     * InfluxDB's files of the benchmark's database that grow with time (the shards' TSM files and indexes, the WAL), MiB,
     * once its caches are snapshotted (cold for 10 s). The series file ({@code _series}) is left out: it is preallocated
     * (32 MiB at first) and grows with the number of series, not with time.
     */
    static double diskMib(InfluxServer influx, String database) throws Exception {
        Thread.sleep(15_000);
        long bytes = 0;
        for (String part : List.of("data", "wal")) {
            Path db = influx.dataDir().resolve(part).resolve(database);
            if (Files.isDirectory(db)) {
                try (var files = Files.walk(db)) {
                    long b = files.filter(f -> Files.isRegularFile(f) && !f.toString().contains("/_series/"))
                            .mapToLong(f -> f.toFile().length()).sum();
                    System.out.printf(Locale.ROOT, "    InfluxDB's %s files of %s: %.1f MiB%n", part, database, b / 1048576.0);
                    bytes += b;
                }
            }
        }
        return bytes / 1048576.0;
    }

    /** A day of the province's traffic (every reading) written straight to a database of its own; its files, MiB. */
    static double dayOfTraffic(InfluxServer influx, ProvinceRegistry.Province province) throws Exception {
        influx.createDatabase("day");
        OffsetDateTime first = YEAR.plusDays(-7).atStartOfDay().atOffset(CST); // a week of its own: the shards hold nothing else
        try (BulkWriter writer = new BulkWriter(influx, "day")) {
            for (int h = 0; h < 24; h++) {
                List<String> points = new ArrayList<>();
                Hour.of(province, first.plusHours(h), new ArrayList<>(), points);
                for (int i = 0; i < points.size(); i += 5000) {
                    writer.write(String.join("\n", points.subList(i, Math.min(points.size(), i + 5000))));
                }
            }
        }
        return diskMib(influx, "day");
    }

    /** An hour of the province's readings: as MQTT messages and as the points ingest would write. */
    static final class Hour {

        private Hour() {
        }

        static void of(ProvinceRegistry.Province p, OffsetDateTime hour, List<Message> messages, List<String> points) {
            int i = 0;
            for (String s : p.assessed()) {
                ambient(s, hour, "PT1H", i++, false, messages, points);
            }
            for (String s : p.parks()) {
                ambient(s, hour, "PT1H", i++, true, messages, points);
            }
            for (String s : p.micro()) {
                ambient(s, hour, "PT1H", i++, false, messages, points);
            }
            for (String s : p.sources()) {
                cems(s, hour, "PT1H", i++, messages, points);
            }
            // the minutes, in the order devices send them: each minute from every device
            for (int m = 0; m < 60; m++) {
                OffsetDateTime t = hour.plusMinutes(m);
                for (String s : p.micro()) {
                    ambient(s, t, "PT1M", i++, false, messages, points);
                }
                for (String s : p.sources()) {
                    cems(s, t, "PT1M", i++, messages, points);
                }
            }
        }

        static void ambient(String station, OffsetDateTime t, String interval, int i, boolean nmhc, List<Message> messages,
                            List<String> points) {
            int pm25 = 20 + i % 60;
            int pm10 = 40 + i % 90;
            int so2 = 5 + i % 20;
            int no2 = 15 + i % 40;
            double co = 0.4 + (i % 10) / 10.0;
            int o3 = 30 + i % 80;
            String extra = nmhc ? String.format(Locale.ROOT, ",\"nmhc\":%.2f", 0.3 + (i % 7) / 10.0) : "";
            messages.add(new Message("aq/v1/ambient/" + station, String.format(Locale.ROOT, "{\"station\":\"%s\",\"time\":\"%s\","
                    + "\"interval\":\"%s\",\"values\":{\"pm25\":%d,\"pm10\":%d,\"so2\":%d,\"no2\":%d,\"co\":%.1f,\"o3\":%d%s},\"flags\":{}}",
                    station, t, interval, pm25, pm10, so2, no2, co, o3, extra).getBytes(StandardCharsets.UTF_8)));
            points.add(String.format(Locale.ROOT, "ambient,station=%s,county=u,type=national,interval=%s pm25=%d,pm10=%d,so2=%d,no2=%d,"
                    + "co=%.1f,o3=%d%s %d", station, interval, pm25, pm10, so2, no2, co, o3,
                    nmhc ? String.format(Locale.ROOT, ",nmhc=%.2f", 0.3 + (i % 7) / 10.0) : "", t.toEpochSecond()));
        }

        static void cems(String source, OffsetDateTime t, String interval, int i, List<Message> messages, List<String> points) {
            double pm = 3 + (i % 40) / 10.0;
            double so2 = 12 + (i % 150) / 10.0;
            double nox = 25 + (i % 200) / 10.0;
            double o2 = 7 + (i % 30) / 10.0;
            int flow = 60000 + i % 20000;
            int temp = 110 + i % 30;
            messages.add(new Message("aq/v1/cems/" + source, String.format(Locale.ROOT, "{\"source\":\"%s\",\"time\":\"%s\",\"interval\":"
                    + "\"%s\",\"values\":{\"pm\":%.1f,\"so2\":%.1f,\"nox\":%.1f,\"o2\":%.1f,\"flow\":%d,\"temp\":%d},\"flags\":{}}", source, t,
                    interval, pm, so2, nox, o2, flow, temp).getBytes(StandardCharsets.UTF_8)));
            points.add(String.format(Locale.ROOT, "cems,source=%s,county=u,interval=%s pm=%.1f,so2=%.1f,nox=%.1f,o2=%.1f,flow=%d,temp=%d %d",
                    source, interval, pm, so2, nox, o2, flow, temp, t.toEpochSecond()));
        }
    }
}
