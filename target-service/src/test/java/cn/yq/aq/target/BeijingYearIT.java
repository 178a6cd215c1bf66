package cn.yq.aq.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.testsupport.GatewaySigner;
import cn.yq.aq.testsupport.BootJar;
import cn.yq.aq.testsupport.InfluxServer;
import cn.yq.aq.testsupport.Json;
import cn.yq.aq.testsupport.RealServers;
import cn.yq.aq.testsupport.RepoPaths;

import tools.jackson.databind.JsonNode;

/**
 * The shared Beijing year (12 national stations as 12 units, registry {@code beijing}) written
 * into a real InfluxDB as hourly {@code ambient} points, recomputed by the service: five daily AQIs
 * checked by hand, and the year's composite-index ranking checked against statistics computed here,
 * independently, from the raw CSV.
 */
@RealServers(mosquitto = false, databases = "airquality")
class BeijingYearIT {

    static final String[] FIELDS = {"pm25", "pm10", "so2", "no2", "co", "o3"};
    static InfluxServer influx;
    static BootJar target;
    /** A client per request: pooled JDK HttpClient connections were seen to hang requests on CI. */
    static HttpClient http() {
        return cn.yq.aq.testsupport.TestHttp.client();
    }

    /** station → day → pollutant index → 24 hourly values (null: NA). */
    static final Map<String, TreeMap<LocalDate, Double[][]>> raw = new HashMap<>();
    static long recomputeMillis;

    @BeforeAll
    static void replayTheYear() throws Exception {
        target = BootJar.ofModule(List.of("--aq.influx.url=" + influx.url(), "--aq.registry.name=beijing",
                "--aq.materialization.scheduled=false")).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(
                RepoPaths.resolve("datasets/beijing-multisite/beijing-multisite-2013-03_2014-02.csv.gz"))), StandardCharsets.UTF_8))) {
            in.readLine();
            String line;
            while ((line = in.readLine()) != null) {
                String[] c = line.split(",");
                LocalDate day = LocalDate.of(Integer.parseInt(c[0]), Integer.parseInt(c[1]), Integer.parseInt(c[2]));
                int hour = Integer.parseInt(c[3]);
                String station = "bj-" + c[16].toLowerCase(Locale.ROOT);
                Double[][] d = raw.computeIfAbsent(station, k -> new TreeMap<>()).computeIfAbsent(day, k -> new Double[6][24]);
                StringBuilder fields = new StringBuilder();
                for (int i = 0; i < 6; i++) {
                    if (!c[4 + i].equals("NA")) {
                        double v = Double.parseDouble(c[4 + i]) / (i == 4 ? 1000.0 : 1.0); // CO µg/m³ → mg/m³
                        d[i][hour] = v;
                        fields.append(fields.length() == 0 ? "" : ",").append(FIELDS[i]).append('=').append(v);
                    }
                }
                if (fields.length() > 0) {
                    lines.add("ambient,station=" + station + ",county=" + station + ",type=national,interval=PT1H " + fields
                            + " " + day.atTime(hour, 0).atZone(BeijingTime.ZONE).toEpochSecond());
                }
            }
        }
        for (int i = 0; i < lines.size(); i += 10_000) {
            influx.write("airquality", "s", String.join("\n", lines.subList(i, Math.min(lines.size(), i + 10_000))));
        }
        long t0 = System.nanoTime();
        HttpResponse<String> r = http().send(GatewaySigner.bureau(URI.create(target.url()
                        + "/api/v1/admin/recompute?from=2013-03-01&to=2014-02-28")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        recomputeMillis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    static String get(String path) throws Exception {
        return http().send(GatewaySigner.bureau(URI.create(target.url() + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static JsonNode dayOf(String station, String date) throws Exception {
        return Json.only(Json.parse(get("/api/v1/aqi/daily?station=" + station + "&from=" + date + "&to=" + date)));
    }

    @Test
    void fiveStationDaysCheckedByHand() throws Exception {
        // Aotizhongxin 2013-03-01, 24 hours of everything (HJ 633—2012):
        // PM2.5 171/24 = 7.125 → 7 → 50/35×7 = 10; PM10 258/24 = 10.75 → 11 → 11; SO2 281/24 = 11.71 → 12 → 12;
        // NO2 542/24 = 22.58 → 23 → 50/40×23 = 28.75 → 29; CO 10.3/24 = 0.429 → 0.4 → 10; O3 1-h max 77 → 50/160×77 = 24.06 → 25;
        // MDA8 max window 74.5 → 74 (half even) → 50/100×74 = 37. AQI 37, level 1, no primary pollutant (≤ 50)
        Json.assertFields(dayOf("bj-aotizhongxin", "2013-03-01"), "/aqi", 37, "/level", 1, "/primaryPollutants", List.of(),
                "/iaqi/pm25_24h", 10, "/iaqi/no2_24h", 29, "/iaqi/o3_8h", 37, "/iaqi/o3_1h", 25, "/valid", true);
        // Dongsi 2013-10-15: NO2 950/24 = 39.58 → 40 → 50 is the maximum (PM2.5 467/24 = 19.46 → 19 → 27.1 → 28;
        // MDA8 55.5 → 56 → 28): AQI 50, still "excellent", no primary pollutant
        Json.assertFields(dayOf("bj-dongsi", "2013-10-15"), "/aqi", 50, "/level", 1, "/primaryPollutants", List.of(),
                "/iaqi/no2_24h", 50, "/iaqi/pm25_24h", 28, "/iaqi/o3_8h", 28);
        // Tiantan 2013-07-15: PM2.5 1199/24 = 49.96 → 50 → (100−50)/(75−35)×(50−35)+50 = 68.75 → 69; AQI 69, PM2.5
        Json.assertFields(dayOf("bj-tiantan", "2013-07-15"), "/aqi", 69, "/level", 2, "/primaryPollutants", List.of("pm25"),
                "/category", "良");
        // Huairou 2013-12-07: PM2.5 4032/24 = 168 → (300−200)/(250−150)×(168−150)+200 = 218; NO2 2126/24 = 88.58 → 89 →
        // (150−100)/(180−80)×9+100 = 104.5 → 105; PM10 3689/24 = 153.7 → 154 → 50/100×4+100 = 102. AQI 218 重度污染
        Json.assertFields(dayOf("bj-huairou", "2013-12-07"), "/aqi", 218, "/level", 5, "/category", "重度污染",
                "/primaryPollutants", List.of("pm25"), "/iaqi/no2_24h", 105, "/iaqi/pm10_24h", 102, "/colour", "#99004C");
        // Wanliu 2014-01-16: PM2.5 only 22 hours, 8314/22 = 377.9 → 378 → (500−400)/(500−350)×(378−350)+400 = 418.7 → 419;
        // SO2 3586/24 = 149.4 → 149 → 50/100×99+50 = 99.5 → 100; O3 has too few hours: AQI 419 without O3, not a valid day
        JsonNode wanliu = dayOf("bj-wanliu", "2014-01-16");
        Json.assertFields(wanliu, "/aqi", 419, "/level", 6, "/iaqi/so2_24h", 100, "/valid", false);
        assertThat(Json.names(wanliu.path("iaqi"))).doesNotContain("o3_8h");
        // Gucheng 2013-05-08: 19 valid PM2.5 hours: no PM2.5 daily value, not valid
        JsonNode gucheng = dayOf("bj-gucheng", "2013-05-08");
        Json.assertFields(gucheng, "/valid", false);
        assertThat(Json.names(gucheng.path("iaqi"))).doesNotContain("pm25_24h");
    }

    @Test
    void theYearsRankingMatchesStatisticsComputedFromTheRawCsv() throws Exception {
        Map<String, BigDecimal> expected = new TreeMap<>();
        raw.forEach((station, days) -> expected.put(station, independentIndex(days)));
        Map<String, BigDecimal> actual = new TreeMap<>();
        Map<String, Integer> ranks = new HashMap<>();
        for (JsonNode unit : Json.parse(get("/api/v1/index/counties?from=2013-03-01&to=2014-02-28"))) {
            String county = unit.path("county").asString();
            actual.put(county, unit.path("compositeIndex").decimalValue().setScale(2, RoundingMode.UNNECESSARY));
            ranks.put(county, unit.path("rank").intValue());
        }
        assertThat(actual).hasSize(12);
        assertThat(actual).isEqualTo(expected);
        // ranks: 1 + the number of units with a smaller index (ties share the rank)
        expected.forEach((station, index) -> assertThat(ranks.get(station)).as(station)
                .isEqualTo(1 + (int) expected.values().stream().filter(v -> v.compareTo(index) < 0).count()));
        System.out.printf("Beijing year recompute (daily AQI, hourly AQI, indices): %d ms%n", recomputeMillis);
    }

    /**
     * HJ 663 from scratch: daily means need 20 hours; the daily max 8-h O3 takes windows ending
     * 08:00–24:00 with at least 6 of 8 hours, at least 14 such windows (or a maximum above 160);
     * year: means of PM2.5, PM10, SO2, NO2, the 95th percentile of daily CO and the 90th of MDA8
     * (k = 1 + (n−1)p); C_i rounded (CO one decimal), Σ C_i / S_i, two decimals.
     */
    static BigDecimal independentIndex(TreeMap<LocalDate, Double[][]> days) {
        List<List<Double>> daily = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            daily.add(new ArrayList<>());
        }
        for (Double[][] d : days.values()) {
            for (int i = 0; i < 5; i++) {
                double[] v = Arrays.stream(d[i]).filter(x -> x != null).mapToDouble(Double::doubleValue).toArray();
                if (v.length >= 20) {
                    daily.get(i).add(Arrays.stream(v).sum() / v.length);
                }
            }
            int windows = 0;
            Double max = null;
            for (int end = 8; end <= 24; end++) {
                double[] w = Arrays.stream(d[5], end - 8, end).filter(x -> x != null).mapToDouble(Double::doubleValue).toArray();
                if (w.length >= 6) {
                    windows++;
                    double mean = Arrays.stream(w).sum() / w.length;
                    max = max == null ? mean : Math.max(max, mean);
                }
            }
            if (max != null && (windows >= 14 || max > 160)) {
                daily.get(5).add(max);
            }
        }
        double[] c = {
            mean(daily.get(0)), mean(daily.get(1)), mean(daily.get(2)), mean(daily.get(3)),
            percentile(daily.get(4), 95), percentile(daily.get(5), 90)};
        double[] s = {35, 70, 60, 40, 4, 160};
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < 6; i++) {
            BigDecimal ci = BigDecimal.valueOf(c[i]).setScale(i == 4 ? 1 : 0, RoundingMode.HALF_EVEN);
            sum = sum.add(ci.divide(BigDecimal.valueOf(s[i]), 10, RoundingMode.HALF_EVEN));
        }
        return sum.setScale(2, RoundingMode.HALF_UP);
    }

    static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).sum() / v.size();
    }

    static double percentile(List<Double> values, double p) {
        double[] x = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double k = 1 + (x.length - 1) * p / 100;
        int s = (int) k;
        return s >= x.length ? x[x.length - 1] : x[s - 1] + (x[s] - x[s - 1]) * (k - s);
    }
}
