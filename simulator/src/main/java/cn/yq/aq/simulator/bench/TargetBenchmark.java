package cn.yq.aq.simulator.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

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

    @Option(names = "--out", defaultValue = "target-bench.json")
    Path out;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> results = new LinkedHashMap<>();
        HttpClient http = HttpClient.newHttpClient();
        try (InfluxServer influx = new InfluxServer().start()) {
            influx.createDatabase("airquality");
            List<String> lines = BeijingDataset.lineProtocol(dataset);
            for (int i = 0; i < lines.size(); i += 10_000) {
                influx.write("airquality", "s", String.join("\n", lines.subList(i, Math.min(lines.size(), i + 10_000))));
            }
            try (BootJar target = new BootJar(jar, List.of("--aq.influx.url=" + influx.url(), "--aq.registry.name=beijing",
                    "--aq.materialization.scheduled=false", "--logging.level.root=WARN")).start()) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(target.url()
                                + "/api/v1/admin/recompute?from=2013-03-01&to=2014-02-28")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString());
                double recompute = (System.nanoTime() - t0) / 1e9;
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("recompute: " + r.statusCode() + " " + r.body());
                }
                double[] query = new double[20];
                for (int i = 0; i < query.length; i++) {
                    long q0 = System.nanoTime();
                    HttpResponse<String> q = http.send(HttpRequest.newBuilder(URI.create(target.url()
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
        results.put("when", Instant.now().toString());
        StringBuilder json = new StringBuilder("{\n");
        int i = 0;
        for (Map.Entry<String, Object> e : results.entrySet()) {
            json.append("  \"").append(e.getKey()).append("\": ").append(e.getValue() instanceof Number ? e.getValue()
                    : "\"" + e.getValue() + "\"").append(++i < results.size() ? ",\n" : "\n");
        }
        Files.writeString(out, json.append("}\n"), StandardCharsets.UTF_8);
        System.out.println("figures written to " + out.toAbsolutePath());
        return 0;
    }
}
