package cn.yq.aq.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import cn.yq.aq.testsupport.GatewaySigner;
import cn.yq.aq.testsupport.BootJar;
import cn.yq.aq.testsupport.InfluxServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The target-service benchmark: the Beijing year (12 stations as 12 units) written into a throwaway
 * InfluxDB, then the full-year recompute (hourly and daily AQI, monthly and YTD indices) timed, and
 * the year-to-date county index query from the materialised data (median and max of 20).
 */
@Command(name = "target-bench", mixinStandardHelpOptions = true,
        description = "Measure the full-year recompute and the YTD county index query of target-service.")
public final class TargetBenchmark implements Callable<Integer> {

    @Option(names = "--jar", required = true, description = "the target-service jar")
    Path jar;

    @Option(names = "--dataset", required = true, description = "beijing-multisite-2013-03_2014-02.csv.gz")
    Path dataset;

    @picocli.CommandLine.Mixin
    ResultsFile file;

    @Option(names = "--synthetic-stations", defaultValue = "1000", description = "stations of the synthetic city (0: skip)")
    int syntheticStations;

    @Option(names = "--target-jvm-option", description = "a JVM option of the synthetic city's target-service (default -Xmx256m;"
            + " e.g. a flight recording)")
    List<String> targetJvm = new java.util.ArrayList<>(List.of("-Xmx256m"));

    @Option(names = "--skip-beijing", description = "skip the Beijing year's part (profiling the synthetic city)")
    boolean skipBeijing;

    @Option(names = "--synthetic-hourly", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "also time the synthetic city's recompute with the hourly AQI (--no-synthetic-hourly: the daily part only)")
    boolean hourly;

    @Option(names = "--synthetic-days", defaultValue = "365", description = "days of hourly data for the synthetic city")
    int syntheticDays;

    /** A synthetic city: stations in counties of 50, a year of hourly values with daily and yearly cycles. */
    void synthetic(HttpClient http, Map<String, Object> results) throws Exception {
        Path dir = Files.createTempDirectory("aq-target-bench-");
        int counties = (syntheticStations + 49) / 50;
        StringBuilder y = new StringBuilder("name: synthetic\ncounties:\n");
        for (int c = 1; c <= counties; c++) {
            y.append(String.format(Locale.ROOT, "  - {code: c%02d, nameZh: 区%d}%n", c, c));
        }
        y.append("stations:\n");
        for (int i = 1; i <= syntheticStations; i++) {
            y.append(String.format(Locale.ROOT, "  - {id: S%04d, name: s%d, county: c%02d, type: national, lat: 0, lon: 0,"
                    + " countsForCounty: true, countsForCity: true}%n", i, i, (i - 1) / 50 + 1));
        }
        Path registry = dir.resolve("synthetic.yml");
        Files.writeString(registry, y + "sources: []\n", StandardCharsets.UTF_8);
        java.time.LocalDate start = java.time.LocalDate.of(2025, 1, 1);
        try (InfluxServer influx = new InfluxServer().start()) {
            influx.createDatabase("airquality");
            long w0 = System.nanoTime();
            long points = 0;
            try (BulkWriter writer = new BulkWriter(influx, "airquality")) {
                for (int i = 1; i <= syntheticStations; i++) {
                    StringBuilder batch = new StringBuilder();
                    points += SyntheticHours.append(batch, SyntheticHours.id(i), i, start, syntheticDays);
                    writer.write(batch.toString());
                }
            }
            double writeSeconds = (System.nanoTime() - w0) / 1e9;
            try (BootJar target = new BootJar(jar, targetJvm, List.of("--aq.influx.url=" + influx.url(), "--aq.registry.file=" + registry,
                    "--aq.materialization.scheduled=false", "--logging.level.root=WARN",
                    "--logging.level.cn.yq.aq.target.aqi.AqiMaterializer=INFO")).start()) {
                // the benchmark's definition: daily AQI + indices + ranking (the bulk-backfill mode), then
                // the same with the hourly real-time AQI as well
                long cpu0 = IngestBenchmark.cpuNanos(target.pid());
                long influx0 = IngestBenchmark.cpuNanos(influx.pid());
                double daily = timedRecompute(http, target, start, false);
                long stationDays = (long) syntheticStations * syntheticDays;
                results.put("synthetic_daily_target_cpu_us_per_station_day",
                        IngestBenchmark.perReading(IngestBenchmark.cpuNanos(target.pid()) - cpu0, stationDays));
                results.put("synthetic_daily_influxd_cpu_us_per_station_day",
                        IngestBenchmark.perReading(IngestBenchmark.cpuNanos(influx.pid()) - influx0, stationDays));
                double recompute = hourly ? timedRecompute(http, target, start, true) : Double.NaN;
                results.put("synthetic_recompute_daily_indices_s", Math.round(daily * 100) / 100.0);
                results.put("synthetic_suspects", suspects);
                long q0 = System.nanoTime();
                HttpResponse<String> q = http.send(GatewaySigner.bureau(URI.create(target.url() + "/api/v1/index/counties?from="
                        + start + "&to=" + start.plusDays(syntheticDays - 1))).build(), HttpResponse.BodyHandlers.ofString());
                double query = (System.nanoTime() - q0) / 1e6;
                results.put("synthetic_stations", syntheticStations);
                results.put("synthetic_hourly_points", points);
                results.put("synthetic_write_s", Math.round(writeSeconds * 10) / 10.0);
                if (hourly) {
                    results.put("synthetic_recompute_s", Math.round(recompute * 100) / 100.0);
                }
                results.put("synthetic_ytd_query_ms", Math.round(query * 10) / 10.0);
                System.out.printf(Locale.ROOT, "synthetic city, %,d stations in %d counties, %,d hourly points (written in %.0f s):"
                        + " recompute of daily AQI + indices + ranking %.1f s (target < 60 s), with the hourly AQI too %.1f s,"
                        + " year county index query %.0f ms; the pre-review found %,d suspect spans%n", syntheticStations, counties, points,
                        writeSeconds, daily, recompute, query, suspects);
                if (q.statusCode() != 200) {
                    throw new IllegalStateException("query: " + q.statusCode());
                }
                // where the time went, as target-service logged it
                try (var lines = java.nio.file.Files.lines(target.logFile())) {
                    lines.filter(l -> l.contains("AQI recompute ")).forEach(l -> System.out.println("  target-service: "
                            + l.substring(l.indexOf("AQI recompute "))));
                }
            }
        }
    }

    /** Suspect spans the last recompute's pre-review found. */
    private int suspects;

    private double timedRecompute(HttpClient http, BootJar target, java.time.LocalDate start, boolean hourly) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(GatewaySigner.bureau(URI.create(target.url() + "/api/v1/admin/recompute?from="
                        + start + "&to=" + start.plusDays(syntheticDays - 1) + "&hourly=" + hourly))
                .timeout(java.time.Duration.ofMinutes(30)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("recompute: " + r.statusCode() + " " + r.body());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        // what the pre-review found in the synthetic year (it runs with every recompute)
        suspects = cn.yq.aq.testsupport.Json.parse(r.body()).path("suspects").asInt();
        return seconds;
    }

    @Override
    public Integer call() throws Exception {
        Map<String, Object> results = file.start("target-bench");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(java.time.Duration.ofSeconds(5)).build();
        if (!skipBeijing) try (InfluxServer influx = new InfluxServer().start()) {
            influx.createDatabase("airquality");
            List<String> lines = BeijingDataset.lineProtocol(dataset);
            for (int i = 0; i < lines.size(); i += 10_000) {
                influx.write("airquality", "s", String.join("\n", lines.subList(i, Math.min(lines.size(), i + 10_000))));
            }
            try (BootJar target = new BootJar(jar, List.of("--aq.influx.url=" + influx.url(), "--aq.registry.name=beijing",
                    "--aq.materialization.scheduled=false", "--logging.level.root=WARN")).start()) {
                long cpu0 = IngestBenchmark.cpuNanos(target.pid());
                long influx0 = IngestBenchmark.cpuNanos(influx.pid());
                long t0 = System.nanoTime();
                HttpResponse<String> r = http.send(GatewaySigner.bureau(URI.create(target.url()
                                + "/api/v1/admin/recompute?from=2013-03-01&to=2014-02-28")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString());
                double recompute = (System.nanoTime() - t0) / 1e9;
                // CPU per station-day (12 stations x 365 days), the primary figure: what the recompute costs wherever it runs
                results.put("year_recompute_12_stations_target_cpu_us_per_station_day",
                        IngestBenchmark.perReading(IngestBenchmark.cpuNanos(target.pid()) - cpu0, 12 * 365));
                results.put("year_recompute_12_stations_influxd_cpu_us_per_station_day",
                        IngestBenchmark.perReading(IngestBenchmark.cpuNanos(influx.pid()) - influx0, 12 * 365));
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("recompute: " + r.statusCode() + " " + r.body());
                }
                double[] query = new double[20];
                for (int i = 0; i < query.length; i++) {
                    long q0 = System.nanoTime();
                    HttpResponse<String> q = http.send(GatewaySigner.bureau(URI.create(target.url()
                            + "/api/v1/index/counties?from=2014-01-01&to=2014-02-28")).build(), HttpResponse.BodyHandlers.ofString());
                    query[i] = (System.nanoTime() - q0) / 1e6;
                    if (q.statusCode() != 200 || !q.body().contains("\"rank\":12")) {
                        throw new IllegalStateException("YTD query: " + q.statusCode() + " " + q.body());
                    }
                }
                Arrays.sort(query);
                results.put("hourly_points", lines.size());
                results.put("year_recompute_12_stations_s", Math.round(recompute * 100) / 100.0);
                results.put("ytd_county_index_query_median_ms", Math.round(query[query.length / 2] * 10) / 10.0);
                results.put("ytd_county_index_query_max_ms", Math.round(query[query.length - 1] * 10) / 10.0);
                System.out.printf(Locale.ROOT, "Beijing year, %,d hourly points, 12 stations as 12 units%n", lines.size());
                System.out.printf(Locale.ROOT, "full-year recompute (hourly + daily AQI, monthly + YTD indices): %.2f s (target < 10 s)%n",
                        recompute);
                System.out.printf(Locale.ROOT, "YTD county index query (2014-01-01 .. 2014-02-28, 12 units): median %.1f ms, max %.1f ms"
                        + " (target < 1 s)%n", query[query.length / 2], query[query.length - 1]);
            }
        }
        if (syntheticStations > 0) {
            synthetic(http, results);
        }
        file.append(results);
        return 0;
    }
}
