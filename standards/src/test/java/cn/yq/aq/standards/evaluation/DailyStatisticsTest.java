package cn.yq.aq.standards.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.yq.aq.standards.Pollutant;

/** HJ 663 / GB 3095 Table 4 validity: 20 hours a day, 6 of 8 for an 8-h mean, windows ending 08–24. */
class DailyStatisticsTest {

    private final DailyStatistics statistics = new DailyStatistics(ValidityRules.standard());

    @Test
    void aDailyMeanNeedsTwentyHours() {
        Double[] twenty = constant(50.0);
        Arrays.fill(twenty, 0, 4, null); // 4 hours missing: 20 left
        Double[] nineteen = constant(50.0);
        Arrays.fill(nineteen, 0, 5, null); // 5 missing: 19 left
        DailyValues day = statistics.compute(Map.of(Pollutant.PM25, twenty, Pollutant.PM10, nineteen));
        assertThat(day.mean(Pollutant.PM25)).isEqualTo(50.0);
        assertThat(day.mean(Pollutant.PM10)).isNull();
        assertThat(day.validHours()).containsEntry(Pollutant.PM25, 20).containsEntry(Pollutant.PM10, 19);
    }

    @Test
    void dailyMeanIsTheMeanOfTheValidHours() {
        Double[] pm = new Double[24];
        for (int h = 0; h < 24; h++) {
            pm[h] = (double) h; // 0..23: mean 11.5
        }
        pm[23] = null; // 0..22: 253 / 23 = 11.0
        assertThat(statistics.compute(Map.of(Pollutant.PM25, pm)).mean(Pollutant.PM25)).isCloseTo(11.0, within(1e-9));
    }

    @Test
    void dailyMaximumEightHourOzone() {
        // O3 = 10 × hour. The window ending at h covers hours h−8 … h−1: mean 10 × (2h − 9) / 2.
        Double[] o3 = new Double[24];
        for (int h = 0; h < 24; h++) {
            o3[h] = 10.0 * h;
        }
        // all valid: the last window (16..23) is the largest: 5 × (48 − 9) = 195
        assertThat(statistics.maxDaily8h(o3)).isCloseTo(195.0, within(1e-9));
        assertThat(statistics.compute(Map.of(Pollutant.O3, o3)).o3Max1h()).isEqualTo(230.0);

        // hours 21–23 missing: window 16..23 has 5 values (invalid); 15..22 has 15..20 = 6 values:
        // 10 × (15+16+17+18+19+20) / 6 = 175; 14..21 has 7: 10 × 119 / 7 = 170. 16 of 17 windows valid.
        o3[21] = null;
        o3[22] = null;
        o3[23] = null;
        assertThat(statistics.maxDaily8h(o3)).isCloseTo(175.0, within(1e-9));
    }

    @Test
    void windowsBeforeEightOClockDoNotCount() {
        // a night peak in hours 0..6 (window ending at 07:00 would be the largest) is ignored:
        // the first window is hours 0..7 = (7 × 300 + 20) / 8 = 265
        Double[] o3 = constant(20.0);
        Arrays.fill(o3, 0, 7, 300.0);
        assertThat(statistics.maxDaily8h(o3)).isCloseTo(265.0, within(1e-9));
    }

    @Test
    void tooFewValidWindowsGiveNoMaximumUnlessItExceedsTheLimit() {
        // only hours 0..9 measured: windows ending 08 (0..7), 09 (1..8), 10 (2..9), 11 (3..9, 7 values),
        // 12 (4..9, 6 values) are valid: 5 < 14 windows
        Double[] low = new Double[24];
        Arrays.fill(low, 0, 10, 100.0);
        assertThat(statistics.maxDaily8h(low)).isNull();
        // the same hours at 170 µg/m³: the maximum 170 exceeds the 160 limit and counts anyway
        Double[] high = new Double[24];
        Arrays.fill(high, 0, 10, 170.0);
        assertThat(statistics.maxDaily8h(high)).isEqualTo(170.0);
        // a configuration that does not let it count
        ValidityRules strict = new ValidityRules(20, 6, 8, 24, 14, false, 27, 25, 324);
        assertThat(new DailyStatistics(strict).maxDaily8h(high)).isNull();
    }

    @Test
    void movingAverages() {
        assertThat(statistics.movingAverage8h(Arrays.asList(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, null, null))).isEqualTo(3.5);
        assertThat(statistics.movingAverage8h(Arrays.asList(1.0, 2.0, 3.0, 4.0, 5.0, null, null, null))).isNull();
    }

    @Test
    void monthAndYearMinimums() {
        ValidityRules rules = ValidityRules.standard();
        assertThat(rules.minDays(java.time.YearMonth.of(2025, 2))).isEqualTo(25);
        assertThat(rules.minDays(java.time.YearMonth.of(2025, 3))).isEqualTo(27);
        assertThat(rules.minDaysPerYear()).isEqualTo(324);
    }

    private static Double[] constant(double v) {
        Double[] values = new Double[24];
        Arrays.fill(values, v);
        return values;
    }
}
