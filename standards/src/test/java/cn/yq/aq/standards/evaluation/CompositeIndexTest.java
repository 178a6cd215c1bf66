package cn.yq.aq.standards.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.yq.aq.standards.Pollutant;

class CompositeIndexTest {

    @Test
    void theWorkedExample() {
        // 21/35 + 39/70 + 9/60 + 15/40 + 192/160 + 0.7/4
        // = 0.6 + 0.5571 + 0.15 + 0.375 + 1.2 + 0.175 = 3.0571 -> 3.06; O3 has the largest single index
        CompositeIndex.Result r = CompositeIndex.standard()
                .compute(new CompositeIndex.Inputs(21.0, 39.0, 9.0, 15.0, 0.7, 192.0));
        assertThat(r.index()).isEqualByComparingTo(new BigDecimal("3.06"));
        assertThat(r.primary()).containsExactly(Pollutant.O3);
        assertThat(r.subIndices().get(Pollutant.O3)).isCloseTo(1.2, within(1e-12));
        assertThat(r.subIndices().get(Pollutant.PM10)).isCloseTo(39.0 / 70, within(1e-12));
    }

    @Test
    void concentrationsAreRoundedAsReportedFirst() {
        // 21.4 -> 21, 38.6 -> 39, 9.5 -> 10 (half even), 14.5 -> 14, 0.74 -> 0.7, 191.6 -> 192:
        // 0.6 + 0.5571 + 10/60 + 14/40 + 1.2 + 0.175 = 3.0488 -> 3.05
        CompositeIndex.Result r = CompositeIndex.standard()
                .compute(new CompositeIndex.Inputs(21.4, 38.6, 9.5, 14.5, 0.74, 191.6));
        assertThat(r.index()).isEqualByComparingTo(new BigDecimal("3.05"));
        assertThat(r.concentrations()).containsEntry(Pollutant.SO2, new BigDecimal("10"))
                .containsEntry(Pollutant.CO, new BigDecimal("0.7"));
    }

    @Test
    void denominatorsAndWeightsAreConfiguration() {
        // GB 3095—2026 transition Grade II PM limits (30, 60) as denominators, PM2.5 weighted ×3:
        // 3 × 21/30 + 39/60 + 9/60 + 15/40 + 192/160 + 0.7/4 = 2.1 + 0.65 + 0.15 + 0.375 + 1.2 + 0.175 = 4.65
        Map<Pollutant, Double> s = new EnumMap<>(CompositeIndex.Parameters.standard().denominators());
        s.put(Pollutant.PM25, 30.0);
        s.put(Pollutant.PM10, 60.0);
        Map<Pollutant, Double> w = new EnumMap<>(CompositeIndex.Parameters.standard().weights());
        w.put(Pollutant.PM25, 3.0);
        CompositeIndex.Result r = new CompositeIndex(new CompositeIndex.Parameters(s, w))
                .compute(new CompositeIndex.Inputs(21.0, 39.0, 9.0, 15.0, 0.7, 192.0));
        assertThat(r.index()).isEqualByComparingTo(new BigDecimal("4.65"));
    }

    @Test
    void aMissingInputIsRefused() {
        assertThatThrownBy(() -> CompositeIndex.standard().compute(new CompositeIndex.Inputs(21.0, 39.0, 9.0, 15.0, null, 192.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("co");
    }

    @Test
    void rankingWithTies() {
        Map<String, Double> index = new LinkedHashMap<>();
        index.put("平定县", 3.06);
        index.put("盂县", 2.50);
        index.put("城区", 3.06);
        index.put("矿区", 4.10);
        index.put("郊区", 2.99);
        Map<String, Integer> ranks = Ranking.ascending(index);
        // 2.50 → 1, 2.99 → 2, 3.06 and 3.06 tied at 3 (并列), 4.10 → 5
        assertThat(ranks).containsExactly(Map.entry("盂县", 1), Map.entry("郊区", 2), Map.entry("平定县", 3),
                Map.entry("城区", 3), Map.entry("矿区", 5));
    }

    @Test
    void periodStatisticsFeedTheIndex() {
        // 10 days, PM2.5 10..100: mean 55; P95: k = 1 + 9 × 0.95 = 9.55 → 90 + 10 × 0.55 = 95.5
        // CO 0.5..1.4: P95 k = 9.55 → 1.3 + 0.1 × 0.55 = 1.355; MDA8 O3 100..190: P90 k = 9.1 → 181
        List<DailyValues> days = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            days.add(new DailyValues(Map.of(Pollutant.PM25, 10.0 * i, Pollutant.PM10, 20.0 * i, Pollutant.SO2, (double) i,
                    Pollutant.NO2, 2.0 * i, Pollutant.CO, 0.4 + 0.1 * i), 90.0 + 10 * i, null, Map.of()));
        }
        PeriodStatistics stats = PeriodStatistics.of(days, 10);
        assertThat(stats.pm25().mean()).isCloseTo(55.0, within(1e-9));
        assertThat(stats.pm25().percentile()).isCloseTo(95.5, within(1e-9));
        assertThat(stats.pm25().p()).isEqualTo(95);
        assertThat(stats.so2().p()).isEqualTo(98);
        assertThat(stats.co().percentile()).isCloseTo(1.355, within(1e-9));
        assertThat(stats.o3Max8h().percentile()).isCloseTo(181.0, within(1e-9));
        assertThat(stats.pm25().valid()).isTrue();
        assertThat(PeriodStatistics.of(days, 27).pm25().valid()).isFalse();
        // index: 55/35 + 110/70 + 6/60 (5.5 → 6) + 11/40 + 1.4/4 (1.355 → 1.4) + 181/160
        // = 1.5714 + 1.5714 + 0.1 + 0.275 + 0.35 + 1.13125 = 4.9991 → 5.00
        assertThat(CompositeIndex.standard().compute(stats.compositeInputs()).index())
                .isEqualByComparingTo(new BigDecimal("5.00"));
    }
}
