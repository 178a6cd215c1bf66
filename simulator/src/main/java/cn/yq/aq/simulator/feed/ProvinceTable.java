package cn.yq.aq.simulator.feed;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cn.yq.aq.standards.BeijingTime;

/**
 * A synthetic province county-level ranking table for the demo: for each of the last {@code --months}
 * months (this month included) and their year-to-date periods, {@code --units} units: the city's own
 * counties at the composite index target-service computed for them from the demo's data, the others
 * ({@code 省内县级单位001} …) spread deterministically over 3.0–6.6, imported through the gateway
 * ({@code PUT /api/v1/rankings/province/{period}}, CSV). So the ranking dashboard, the province view
 * and the monthly ranking notices have something to show on day one. Demo data only: the bureau
 * imports the province's published tables.
 */
@Command(name = "province-table", mixinStandardHelpOptions = true,
        description = "Import a synthetic province ranking table (demo): the city's counties at their own composite index")
public final class ProvinceTable implements Callable<Integer> {

    @Option(names = "--gateway-url", defaultValue = "http://127.0.0.1:${env:AQ_GATEWAY_PORT:-8080}")
    String gatewayUrl;

    @Option(names = "--token", defaultValue = "${env:AQ_TOKEN_BUREAU}", description = "the bureau's bearer token (default: $AQ_TOKEN_BUREAU)")
    String token;

    @Option(names = "--months", defaultValue = "2", description = "how many months back (this month included)")
    int months;

    @Option(names = "--units", defaultValue = "119", description = "units in the province's table")
    int units;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    public Integer call() throws Exception {
        LocalDate today = LocalDate.now(BeijingTime.ZONE);
        for (int i = months - 1; i >= 0; i--) {
            YearMonth month = YearMonth.from(today).minusMonths(i);
            LocalDate end = month.atEndOfMonth().isAfter(today) ? today : month.atEndOfMonth();
            importTable(month.toString(), month.atDay(1), end);
            importTable(month + "-ytd", month.atDay(1).withDayOfYear(1), end);
        }
        return 0;
    }

    private void importTable(String period, LocalDate from, LocalDate to) throws Exception {
        HttpResponse<String> ours = send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/v1/index/counties?from=" + from + "&to=" + to))
                .GET());
        if (ours.statusCode() != 200) {
            throw new IllegalStateException("index/counties " + period + ": " + ours.statusCode() + " " + ours.body());
        }
        Map<String, Double> table = new LinkedHashMap<>();
        for (JsonNode c : json.readTree(ours.body())) {
            if (c.path("compositeIndex").isNumber()) {
                table.put(c.path("nameZh").asString(), c.path("compositeIndex").asDouble());
            }
        }
        int ourUnits = table.size();
        SplittableRandom r = new SplittableRandom(period.hashCode());
        for (int k = 1; table.size() < units; k++) {
            double spread = 3.0 + 3.6 * (k - 0.5) / (units - ourUnits);
            table.put(String.format(Locale.ROOT, "省内县级单位%03d", k), Math.round((spread + 0.1 * (r.nextDouble() - 0.5)) * 100) / 100.0);
        }
        StringBuilder csv = new StringBuilder("unit,compositeIndex\n");
        table.forEach((unit, index) -> csv.append(unit).append(',').append(String.format(Locale.ROOT, "%.2f", index)).append('\n'));
        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/v1/rankings/province/" + period))
                .header("Content-Type", "text/csv").PUT(HttpRequest.BodyPublishers.ofString(csv.toString(), StandardCharsets.UTF_8)));
        if (put.statusCode() != 200) {
            throw new IllegalStateException("rankings/province/" + period + ": " + put.statusCode() + " " + put.body());
        }
        System.err.printf(Locale.ROOT, "province-table: %s imported, %d units, %d of them ours%n", period, table.size(), ourUnits);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("--token (or AQ_TOKEN_BUREAU) is required");
        }
        return http.send(request.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
