package cn.yq.aq.target.review.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.yq.aq.registry.Registry;
import cn.yq.aq.registry.RegistryLoader;
import cn.yq.aq.registry.Station;
import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.standards.Pollutant;
import cn.yq.aq.standards.evaluation.HourlyValues;
import cn.yq.aq.target.review.Suspect;
import cn.yq.aq.testsupport.RepoPaths;

/**
 * The pre-review on real data: the shared Beijing year (12 stations, 2013-03 … 2014-02), a month at a time as
 * the service runs it. Untouched, each rule's suspects per 1,000 station-hours stay few (a rule that fires on
 * ordinary days is useless to a reviewer; the figures are printed for the README); with one fault of each
 * kind injected at known hours, each is found by its rule at those hours.
 */
class AmbientRulesBeijingTest {

    static final Registry BEIJING = RegistryLoader.builtIn("beijing");
    static final Pollutant[] COLUMNS = {Pollutant.PM25, Pollutant.PM10, Pollutant.SO2, Pollutant.NO2, Pollutant.CO, Pollutant.O3};
    static final LocalDate FIRST = LocalDate.of(2013, 3, 1);
    static final LocalDate LAST = LocalDate.of(2014, 2, 28);
    /** station id → day → [pollutant][hour] (NaN: NA). */
    static final Map<String, TreeMap<LocalDate, double[][]>> YEAR = new HashMap<>();

    @BeforeAll
    static void read() throws Exception {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(
                RepoPaths.resolve("datasets/beijing-multisite/beijing-multisite-2013-03_2014-02.csv.gz"))), StandardCharsets.UTF_8))) {
            in.readLine();
            String line;
            while ((line = in.readLine()) != null) {
                String[] c = line.split(",");
                LocalDate day = LocalDate.of(Integer.parseInt(c[0]), Integer.parseInt(c[1]), Integer.parseInt(c[2]));
                double[][] d = YEAR.computeIfAbsent("bj-" + c[16].toLowerCase(Locale.ROOT), k -> new TreeMap<>())
                        .computeIfAbsent(day, k -> {
                            double[][] empty = new double[6][24];
                            for (double[] row : empty) {
                                java.util.Arrays.fill(row, Double.NaN);
                            }
                            return empty;
                        });
                for (int i = 0; i < 6; i++) {
                    if (!c[4 + i].equals("NA")) {
                        d[i][Integer.parseInt(c[3])] = Double.parseDouble(c[4 + i]) / (i == 4 ? 1000.0 : 1.0); // CO µg → mg
                    }
                }
            }
        }
    }

    /** A fault written over the year's values: {@code value} at the hours [first, first + hours) of one day. */
    record Fault(String rule, String station, Pollutant pollutant, LocalDate day, int first, int hours) {
    }

    /** The year as the service reads it, with {@code faults} applied (a value of the day overwritten). */
    static Map<Station, HourlyValues> stations(LocalDate from, LocalDate to, Map<String, double[][]> overrides) {
        Map<Station, HourlyValues> out = new LinkedHashMap<>();
        for (Station s : BEIJING.stations()) {
            HourlyValues hv = new HourlyValues();
            YEAR.getOrDefault(s.id(), new TreeMap<>()).subMap(from, true, to, true).forEach((day, d) -> {
                double[][] v = overrides.getOrDefault(s.id() + "/" + day, d);
                for (int p = 0; p < 6; p++) {
                    for (int h = 0; h < 24; h++) {
                        if (!Double.isNaN(v[p][h]) && v[p][h] >= 0) {
                            hv.put(day, h, COLUMNS[p], v[p][h]);
                        }
                    }
                }
            });
            out.put(s, hv);
        }
        return out;
    }

    /** Runs the rules a month at a time, as {@code PreReview} does. */
    static List<Suspect> review(Map<String, double[][]> overrides) {
        AmbientRules rules = new AmbientRules(AmbientRulesTest.defaults());
        List<Suspect> all = new ArrayList<>();
        for (LocalDate start = FIRST; !start.isAfter(LAST); start = start.plusDays(31)) {
            LocalDate end = start.plusDays(30).isAfter(LAST) ? LAST : start.plusDays(30);
            all.addAll(rules.find(stations(start, end, overrides), start.atStartOfDay(BeijingTime.ZONE).toInstant(),
                    end.plusDays(1).atStartOfDay(BeijingTime.ZONE).toInstant()));
        }
        return all;
    }

    @Test
    void untouchedTheYearGivesFewSuspectsPerRule() {
        List<Suspect> found = review(Map.of());
        long stationHours = 0;
        for (TreeMap<LocalDate, double[][]> days : YEAR.values()) {
            for (double[][] d : days.values()) {
                for (int h = 0; h < 24; h++) {
                    if (!Double.isNaN(d[0][h])) {
                        stationHours++;
                    }
                }
            }
        }
        Map<String, Integer> byRule = new TreeMap<>();
        for (String rule : List.of("pm25-exceeds-pm10", "constant", "spike", "neighbour-divergence", "negative-or-zero")) {
            byRule.put(rule, 0);
        }
        found.forEach(s -> byRule.merge(s.rule(), 1, Integer::sum));
        StringBuilder report = new StringBuilder("pre-review of the Beijing year (" + stationHours + " station-hours with PM2.5):");
        long total = stationHours;
        byRule.forEach((rule, n) -> report.append(String.format(Locale.ROOT, " %s %d (%.2f per 1,000 station-hours);", rule, n,
                n * 1000.0 / total)));
        System.out.println(report);
        // a reviewer can look at a few a day: at most 2 suspect spans per 1,000 station-hours for each rule (for the
        // 12 stations, about one span of each rule every two days)
        byRule.forEach((rule, n) -> assertThat(n * 1000.0 / total).as(rule + ": " + report).isLessThanOrEqualTo(2.0));
    }

    @Test
    void eachInjectedFaultIsFoundByItsRuleAtItsHours() {
        Map<String, double[][]> overrides = new HashMap<>();
        List<Fault> faults = new ArrayList<>();
        // PM2.5 reported as 2 × PM10 for 7 hours (a PM2.5 and PM10 channel swapped)
        double[][] dongsi = copy("bj-dongsi", LocalDate.of(2013, 5, 10));
        for (int h = 2; h < 9; h++) {
            dongsi[1][h] = Double.isNaN(dongsi[1][h]) ? 80 : dongsi[1][h];
            dongsi[0][h] = dongsi[1][h] * 2;
        }
        overrides.put("bj-dongsi/2013-05-10", dongsi);
        faults.add(new Fault("pm25-exceeds-pm10", "bj-dongsi", Pollutant.PM25, LocalDate.of(2013, 5, 10), 2, 7));
        // NO2 stuck at 57 for 12 hours (a frozen analyser)
        double[][] tiantan = copy("bj-tiantan", LocalDate.of(2013, 7, 3));
        for (int h = 0; h < 12; h++) {
            tiantan[3][h] = 57;
        }
        overrides.put("bj-tiantan/2013-07-03", tiantan);
        faults.add(new Fault("constant", "bj-tiantan", Pollutant.NO2, LocalDate.of(2013, 7, 3), 0, 12));
        // one hour of PM10 at 8 × its sides + 400 (dust blown into the inlet)
        double[][] gucheng = copy("bj-gucheng", LocalDate.of(2013, 9, 12));
        for (int h = 13; h <= 15; h++) {
            gucheng[1][h] = Double.isNaN(gucheng[1][h]) ? 60 : gucheng[1][h];
        }
        gucheng[1][14] = Math.max(gucheng[1][13], gucheng[1][15]) * 8 + 400;
        overrides.put("bj-gucheng/2013-09-12", gucheng);
        faults.add(new Fault("spike", "bj-gucheng", Pollutant.PM10, LocalDate.of(2013, 9, 12), 14, 1));
        // SO2 at 0 for 2 hours
        double[][] huairou = copy("bj-huairou", LocalDate.of(2013, 11, 20));
        huairou[2][3] = 0;
        huairou[2][4] = 0;
        overrides.put("bj-huairou/2013-11-20", huairou);
        faults.add(new Fault("negative-or-zero", "bj-huairou", Pollutant.SO2, LocalDate.of(2013, 11, 20), 3, 2));
        // Wanliu's PM2.5 at 10 for 4 hours while the city is heavily polluted (water sprayed at the inlet):
        // the first day on which every other station reads at least 200 from 10:00 to 13:00
        LocalDate polluted = null;
        for (LocalDate d = FIRST; polluted == null && !d.isAfter(LAST); d = d.plusDays(1)) {
            boolean all = true;
            for (Station s : BEIJING.stations()) {
                double[][] v = YEAR.get(s.id()).get(d);
                for (int h = 10; h < 14 && all; h++) {
                    all = s.id().equals("bj-wanliu") || (v != null && v[0][h] >= 200);
                }
            }
            polluted = all ? d : null;
        }
        assertThat(polluted).as("a heavily polluted day in the year").isNotNull();
        double[][] wanliu = copy("bj-wanliu", polluted);
        for (int h = 10; h < 14; h++) {
            wanliu[0][h] = 10;
        }
        overrides.put("bj-wanliu/" + polluted, wanliu);
        faults.add(new Fault("neighbour-divergence", "bj-wanliu", Pollutant.PM25, polluted, 10, 4));

        List<Suspect> found = review(overrides);
        for (Fault f : faults) {
            Instant start = f.day().atTime(f.first(), 0).atZone(BeijingTime.ZONE).toInstant();
            Instant end = start.plusSeconds(3600L * f.hours());
            assertThat(found).as(f.toString()).anySatisfy(s -> {
                assertThat(s.rule()).isEqualTo(f.rule());
                assertThat(s.target()).isEqualTo(f.station());
                assertThat(s.pollutant()).isEqualTo(f.pollutant().field());
                assertThat(s.from()).isBeforeOrEqualTo(start);
                assertThat(s.to()).isAfterOrEqualTo(end);
            });
        }
    }

    static double[][] copy(String station, LocalDate day) {
        double[][] d = YEAR.get(station).get(day);
        double[][] c = new double[6][];
        for (int i = 0; i < 6; i++) {
            c[i] = d[i].clone();
        }
        return c;
    }
}
