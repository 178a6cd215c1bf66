package cn.yq.aq.standards.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** HJ 663 Annex A: k = 1 + (n − 1) × p/100, m = X(s) + (X(s+1) − X(s)) × (k − s). */
class PercentileTest {

    @Test
    void workedExamples() {
        // 1..10, P90: k = 1 + 9 × 0.9 = 9.1, s = 9: 9 + (10 − 9) × 0.1 = 9.1
        assertThat(Percentile.of(range(1, 10), 90)).isCloseTo(9.1, within(1e-9));
        // {40, 10, 30, 20} sorted 10 20 30 40, P95: k = 1 + 3 × 0.95 = 3.85: 30 + 10 × 0.85 = 38.5
        assertThat(Percentile.of(List.of(40.0, 10.0, 30.0, 20.0), 95)).isCloseTo(38.5, within(1e-9));
        // 1..365 (a year of daily values), P98: k = 1 + 364 × 0.98 = 357.72: 357 + 1 × 0.72 = 357.72
        assertThat(Percentile.of(range(1, 365), 98)).isCloseTo(357.72, within(1e-9));
        // 30 daily CO values 0.1..3.0, P95: k = 1 + 29 × 0.95 = 28.55: 2.8 + 0.1 × 0.55 = 2.855
        List<Double> co = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            co.add(i / 10.0);
        }
        assertThat(Percentile.of(co, 95)).isCloseTo(2.855, within(1e-9));
    }

    @Test
    void edges() {
        assertThat(Percentile.of(List.of(7.0), 90)).isEqualTo(7.0);
        assertThat(Percentile.of(range(1, 10), 100)).isEqualTo(10.0);
        assertThat(Percentile.of(range(1, 10), 0)).isEqualTo(1.0);
        assertThatThrownBy(() -> Percentile.of(List.of(), 90)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentile.of(List.of(1.0), 101)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentile.of(Arrays.asList(1.0, Double.NaN), 90)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Double> range(int from, int to) {
        List<Double> values = new ArrayList<>();
        for (int i = to; i >= from; i--) {
            values.add((double) i); // unsorted on purpose
        }
        return values;
    }
}
