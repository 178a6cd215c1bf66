package cn.yq.aq.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.testsupport.BootJar;
import cn.yq.aq.testsupport.GatewaySigner;
import cn.yq.aq.testsupport.InfluxServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The pre-review benchmark: a month of hourly data of a synthetic city (1,000 stations on a grid, 3,000
 * boilers' CEMS) in a throwaway InfluxDB; the pre-review of the month (target-service's
 * {@code POST /api/v1/review/prereview}: read, all ten rules, write the suspects) beside the raw read of the
 * same rows straight from InfluxDB with a plain HTTP client, in the same run. Prints wall time, the ratio,
 * CPU per station-hour (target-service and InfluxDB), and appends one JSON line to the results file.
 */
@Command(name = "review-bench", mixinStandardHelpOptions = true, description = "Measure the pre-review of a month against the raw read.")
public final class ReviewBenchmark implements Callable<Integer> {

    @Option(names = "--jar", required = true, description = "the target-service jar")
    Path jar;

    @picocli.CommandLine.Mixin
    ResultsFile file;

    @Option(names = "--stations", defaultValue = "1000")
    int stations;

    @Option(names = "--sources", defaultValue = "3000")
    int sources;

    @Option(names = "--days", defaultValue = "30")
    int days;


    static final LocalDate START = LocalDate.of(2025, 11, 1);

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("aq-review-bench-");
        int counties = (stations + 49) / 50;
        StringBuilder y = new StringBuilder("name: synthetic\ncounties:\n");
        for (int c = 1; c <= counties; c++) {
            y.append(String.format(Locale.ROOT, "  - {code: c%02d, nameZh: 区%d}%n", c, c));
        }
        y.append("stations:\n");
        for (int i = 0; i < stations; i++) {
            // a grid of 40 columns, about 4 km apart: every station has neighbours within 30 km
            y.append(String.format(Locale.ROOT, "  - {id: S%04d, name: s%d, county: c%02d, type: national, lat: %.4f, lon: %.4f,"
                    + " countsForCounty: true, countsForCity: true}%n", i, i, i / 50 + 1, 37.0 + (i / 40) * 0.036, 113.0 + (i % 40) * 0.045));
        }
        y.append("sources:\n");
        for (int i = 0; i < sources; i++) {
            y.append(String.format(Locale.ROOT, "  - {id: B%04d, enterprise: e%d, county: c%02d, fuel: coal, capacityTph: 35, limitProfile: ultra-low}%n",
                    i, i, i % counties + 1));
        }
        Path registry = dir.resolve("synthetic.yml");
        Files.writeString(registry, y.toString(), StandardCharsets.UTF_8);
        Map<String, Object> line = file.start("review-bench");
        line.put("stations", stations);
        line.put("sources", sources);
        line.put("days", days);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (InfluxServer influx = new InfluxServer().start()) {
            influx.createDatabase("airquality");
            long w0 = System.nanoTime();
            long points = write(influx);
            line.put("points", points);
            line.put("write_s", round((System.nanoTime() - w0) / 1e9));
            String from = START.toString();
            String to = START.plusDays(days - 1).toString();
            // the raw read: the same rows, straight from InfluxDB, as CSV, each answer read to its end
            String start = START.atStartOfDay(BeijingTime.ZONE).toInstant().toString();
            String end = START.plusDays(days).atStartOfDay(BeijingTime.ZONE).toInstant().toString();
            List<String> queries = List.of(
                    "SELECT pm25, pm25_flag, pm10, pm10_flag, so2, so2_flag, no2, no2_flag, co, co_flag, o3, o3_flag FROM ambient WHERE "
                            + "\"interval\" = 'PT1H' AND time >= '" + start + "' AND time < '" + end + "' GROUP BY station",
                    "SELECT pm, pm_flag, so2, so2_flag, nox, nox_flag, o2, o2_flag, flow, flow_flag FROM cems WHERE \"interval\" = 'PT1H'"
                            + " AND time >= '" + start + "' AND time < '" + end + "' GROUP BY source");
            try (BootJar target = new BootJar(jar, List.of("--aq.influx.url=" + influx.url(), "--aq.registry.file=" + registry,
                    "--aq.materialization.scheduled=false", "--logging.level.root=WARN")).start()) {
                prereview(http, target, from, to); // warm-up (JIT), not counted
                double[] raw = new double[3];
                double[] review = new double[3];
                long reviewCpu = 0;
                long reviewInfluxCpu = 0;
                long rawInfluxCpu = 0;
                int suspects = 0;
                for (int round = 0; round < 3; round++) {
                    long i0 = IngestBenchmark.cpuNanos(influx.pid());
                    long r0 = System.nanoTime();
                    for (String q : queries) {
                        HttpResponse<java.io.InputStream> a = http.send(HttpRequest.newBuilder(URI.create(influx.url() + "/query?db=airquality&epoch=ms&q="
                                + URLEncoder.encode(q, StandardCharsets.UTF_8))).header("Accept", "application/csv").build(),
                                HttpResponse.BodyHandlers.ofInputStream());
                        try (var in = a.body()) {
                            in.transferTo(java.io.OutputStream.nullOutputStream());
                        }
                    }
                    raw[round] = (System.nanoTime() - r0) / 1e9;
                    rawInfluxCpu += IngestBenchmark.cpuNanos(influx.pid()) - i0;
                    long c0 = IngestBenchmark.cpuNanos(target.pid());
                    long j0 = IngestBenchmark.cpuNanos(influx.pid());
                    long p0 = System.nanoTime();
                    suspects = prereview(http, target, from, to);
                    review[round] = (System.nanoTime() - p0) / 1e9;
                    reviewCpu += IngestBenchmark.cpuNanos(target.pid()) - c0;
                    reviewInfluxCpu += IngestBenchmark.cpuNanos(influx.pid()) - j0;
                }
                java.util.Arrays.sort(raw);
                java.util.Arrays.sort(review);
                long subjectHours = (long) (stations + sources) * days * 24;
                line.put("raw_read_s", round(raw[1]));
                line.put("prereview_s", round(review[1]));
                line.put("ratio_raw_over_prereview", round(raw[1] / review[1]));
                line.put("suspects", suspects);
                line.put("target_cpu_us_per_subject_hour", round(reviewCpu / 3.0 / subjectHours / 1000.0));
                line.put("influx_cpu_us_per_subject_hour_prereview", round(reviewInfluxCpu / 3.0 / subjectHours / 1000.0));
                line.put("influx_cpu_us_per_subject_hour_raw", round(rawInfluxCpu / 3.0 / subjectHours / 1000.0));
                System.out.printf(Locale.ROOT, "pre-review of %d days, %,d stations and %,d sources (%,d points, written in %.0f s): "
                                + "median of 3 %.2f s, raw read of the same rows %.2f s (ratio %.2f), %d suspect spans; CPU per station- or "
                                + "source-hour: target-service %.1f µs, InfluxDB %.1f µs (raw read %.1f µs)%n", days, stations, sources, points,
                        (double) line.get("write_s"), review[1], raw[1], raw[1] / review[1], suspects,
                        (double) line.get("target_cpu_us_per_subject_hour"), (double) line.get("influx_cpu_us_per_subject_hour_prereview"),
                        (double) line.get("influx_cpu_us_per_subject_hour_raw"));
            }
        }
        file.append(line);
        return 0;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private int prereview(HttpClient http, BootJar target, String from, String to) throws Exception {
        HttpResponse<String> r = http.send(GatewaySigner.bureau(URI.create(target.url() + "/api/v1/review/prereview?from=" + from + "&to=" + to))
                .timeout(java.time.Duration.ofMinutes(30)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("prereview: " + r.statusCode() + " " + r.body());
        }
        return cn.yq.aq.testsupport.Json.parse(r.body()).path("suspects").asInt();
    }

    /** A month of hours: stations with daily cycles, boilers around 60 % of their limits, each with values of its own (clean data: the rules run, few fire). */
    private long write(InfluxServer influx) throws Exception {
        long points = 0;
        try (BulkWriter writer = new BulkWriter(influx, "airquality")) {
            for (int i = 0; i < stations + sources; i++) {
                StringBuilder batch = new StringBuilder();
                boolean station = i < stations;
                int k = station ? i : i - stations;
                for (int d = 0; d < days; d++) {
                    for (int h = 0; h < 24; h++) {
                        long t = START.plusDays(d).atTime(h, 0).atZone(BeijingTime.ZONE).toEpochSecond();
                        double diurnal = 1 + 0.3 * Math.sin(2 * Math.PI * (h - 8) / 24.0);
                        if (station) {
                            double pm25 = Math.round(45 * diurnal + (k % 17) + (d % 5) * 3);
                            batch.append(String.format(Locale.ROOT, "ambient,station=S%04d,county=c,type=national,interval=PT1H pm25=%s,pm10=%d,"
                                    + "so2=%d,no2=%d,co=%.1f,o3=%d %d%n", k, pm25, Math.round(pm25 * 1.7), 10 + (h + k) % 9, Math.round(30 * diurnal) + d % 3,
                                    0.6 + ((h + d) % 4) / 10.0, Math.round(60 * (2 - diurnal)) + d % 4, t));
                        } else {
                            // each source its own values (no two report the same SO2, NOx and O2)
                            batch.append(String.format(Locale.ROOT, "cems,source=B%04d,county=c,interval=PT1H pm=%.1f,so2=%.2f,nox=%.2f,o2=%.2f,flow=%d %d%n",
                                    k, 4 + (h % 5) * 0.5, 18 + (h + k) % 7 + (k % 100) * 0.01, 28 + (h + d) % 9 + (k % 97) * 0.01,
                                    6.0 + ((h + k + d) % 8) / 10.0 + (k % 7) * 0.01, 80000 + 100 * h + k, t));
                        }
                        points++;
                    }
                }
                writer.write(batch.toString());
            }
        }
        return points;
    }
}
