package cn.yq.aq.standards.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.yq.aq.standards.Pollutant;
import cn.yq.aq.standards.warning.WarningGrading;
import cn.yq.aq.standards.warning.WarningLevel;

/**
 * Every public entry point of the evaluation and warning code refuses what cannot be a
 * concentration (negative, NaN, ±∞) instead of averaging, ranking or grading it; and the composite
 * index rounds exact ties the way the ranking rules do (GB/T 8170, 四舍六入五成双).
 */
class InputGuardsTest {

    private final DailyStatistics statistics = new DailyStatistics(ValidityRules.standard());

    static Double[] day(double value) {
        Double[] hours = new Double[24];
        Arrays.fill(hours, value);
        return hours;
    }

    @ParameterizedTest
    @ValueSource(doubles = {-5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void dailyStatisticsRefuseAnHourThatIsNoConcentration(double bad) {
        // before: one −5 hour among 23 hours of 40 gave a mean of (23 × 40 − 5)/24 = 38.1 instead of an error
        Double[] hours = day(40);
        hours[7] = bad;
        assertThatThrownBy(() -> statistics.compute(Map.of(Pollutant.PM25, hours)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pm25");
        assertThatThrownBy(() -> statistics.maxDaily8h(hours)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> statistics.movingAverage24h(Arrays.asList(hours))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> statistics.movingAverage8h(Arrays.asList(hours).subList(0, 8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void missingHoursAreStillJustMissing() {
        // 20 valid hours of 40 and 4 missing: mean 40 (HJ 663: 20 hours make a valid day)
        Double[] hours = day(40);
        Arrays.fill(hours, 0, 4, null);
        assertThat(statistics.compute(Map.of(Pollutant.PM25, hours)).means()).containsEntry(Pollutant.PM25, 40.0);
        // zero is a concentration
        assertThat(statistics.compute(Map.of(Pollutant.SO2, day(0))).means()).containsEntry(Pollutant.SO2, 0.0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1, Double.NaN, Double.POSITIVE_INFINITY})
    void theCompositeIndexRefusesAnInputThatIsNoConcentration(double bad) {
        assertThatThrownBy(() -> CompositeIndex.standard().compute(new CompositeIndex.Inputs(30.0, 60.0, 10.0, 30.0, 1.0, bad)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("o3");
        assertThatThrownBy(() -> CompositeIndex.standard().compute(new CompositeIndex.Inputs(bad, 60.0, 10.0, 30.0, 1.0, 150.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pm25");
    }

    @Test
    void theCompositeIndexRoundsAnExactTieToEven() {
        // 35/35 + 70/70 + 60/60 + 5/40 + 0/4 + 160/160 = 1 + 1 + 1 + 0.125 + 0 + 1 = 4.125 exactly (33/8);
        // GB/T 8170: the digit after the kept 2 is exactly 5 → keep the even 2: 4.12 (half-up gave 4.13)
        assertThat(CompositeIndex.standard().compute(new CompositeIndex.Inputs(35.0, 70.0, 60.0, 5.0, 0.0, 160.0)).index())
                .isEqualTo(new BigDecimal("4.12"));
        // 35/35 + 70/70 + 60/60 + 15/40 + 0/4 + 160/160 = 4.375 → the kept 7 is odd: 4.38
        assertThat(CompositeIndex.standard().compute(new CompositeIndex.Inputs(35.0, 70.0, 60.0, 15.0, 0.0, 160.0)).index())
                .isEqualTo(new BigDecimal("4.38"));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.5, Double.NaN, Double.NEGATIVE_INFINITY})
    void thePercentileRefusesAValueThatIsNoConcentration(double bad) {
        assertThatThrownBy(() -> Percentile.of(List.of(1.0, 2.0, bad), 90)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void warningGradingRefusesANegativeOrMissingAqi() {
        WarningGrading grading = WarningGrading.of2024();
        assertThatThrownBy(() -> grading.level(List.of(250, -1, 260))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> grading.level(Arrays.asList(250, null))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> grading.mayLift(WarningLevel.YELLOW, List.of(-3, 80, 90)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WarningGrading.DailyAqi(-1, null)).isInstanceOf(IllegalArgumentException.class);
        // 2024 rules: one day above 200 is yellow
        assertThat(grading.level(List.of(201))).isEqualTo(WarningLevel.YELLOW);
    }
}
