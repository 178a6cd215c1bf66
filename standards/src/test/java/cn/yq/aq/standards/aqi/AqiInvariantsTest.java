package cn.yq.aq.standards.aqi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

import cn.yq.aq.standards.Pollutant;

/**
 * Randomised invariants over many concentrations, for both versions and every column: IAQI is
 * monotonic, within 0–500 (or the column's special value), continuous at breakpoints to the
 * rounding, and the AQI is the maximum of its parts.
 */
class AqiInvariantsTest {

    private static final long SEED = 20261128L;
    private final Random random = new Random(SEED);

    @Test
    void iaqiIsMonotonicAndWithinRange() {
        for (Hj633 version : Hj633.values()) {
            for (Indicator indicator : Indicator.values()) {
                double top = version.breakpoints(indicator)[version.breakpoints(indicator).length - 1];
                for (int n = 0; n < 2_000; n++) {
                    double a = random.nextDouble() * top * 1.2;
                    double b = random.nextDouble() * top * 1.2;
                    double lo = Math.min(a, b);
                    double hi = Math.max(a, b);
                    var iaqiLo = version.iaqi(indicator, lo);
                    var iaqiHi = version.iaqi(indicator, hi);
                    if (iaqiLo.isEmpty() || iaqiHi.isEmpty()) {
                        // only the 2012 columns that end at 800 have no value, and only above 800
                        assertThat(version).isEqualTo(Hj633.V2012);
                        assertThat(hi).isGreaterThan(800);
                        continue;
                    }
                    assertThat(iaqiLo.getAsInt()).as("%s %s %s <= %s", version, indicator, lo, hi)
                            .isLessThanOrEqualTo(iaqiHi.getAsInt());
                    assertThat(iaqiHi.getAsInt()).isBetween(0, 500);
                }
            }
        }
    }

    @Test
    void iaqiHasNoJumpBetweenNeighbouringReportedConcentrations() {
        // Between two neighbouring reported concentrations (1 µg/m³, 0.1 mg/m³ for CO) the IAQI may
        // rise by at most the steepest slope of the two segments around them, plus one for the
        // rounding up: no jump at a breakpoint.
        for (Hj633 version : Hj633.values()) {
            for (Indicator indicator : Indicator.values()) {
                double[] bp = version.breakpoints(indicator);
                double step = indicator.pollutant() == Pollutant.CO ? 0.1 : 1;
                for (int i = 1; i < bp.length - 1; i++) {
                    double slope = Math.max(50.0 * rowGap(i) / (bp[i] - bp[i - 1]), 50.0 * rowGap(i + 1) / (bp[i + 1] - bp[i]));
                    for (double c : new double[] {bp[i] - step, bp[i]}) {
                        int here = version.iaqi(indicator, c).getAsInt();
                        int next = version.iaqi(indicator, c + step).getAsInt();
                        assertThat(next - here).as("%s %s from %s", version, indicator, c)
                                .isBetween(0, (int) Math.ceil(slope * step) + 1);
                    }
                }
            }
        }
    }

    /** IAQI rows 0,50,100,150,200 are 50 apart, then 300,400,500 are 100 apart: gap in units of 50. */
    private static int rowGap(int i) {
        return i <= 4 ? 1 : 2;
    }

    @Test
    void aqiIsTheMaximumOfItsParts() {
        for (int n = 0; n < 5_000; n++) {
            DailyConcentrations c = new DailyConcentrations(r(600), r(700), r(2000), r(800), r(40), r(600), r(900));
            for (Hj633 version : Hj633.values()) {
                AqiResult result = version.daily(c);
                int max = result.iaqi().values().stream().mapToInt(Integer::intValue).max().orElseThrow();
                assertThat(result.aqi()).isEqualTo(max);
                assertThat(result.aqi()).isBetween(0, 500);
                assertThat(result.category()).isEqualTo(Category.of(max));
                if (max > 50) {
                    assertThat(result.primaryPollutants()).isNotEmpty()
                            .allSatisfy(p -> assertThat(result.iaqiByPollutant().get(p)).isEqualTo(max));
                } else {
                    assertThat(result.primaryPollutants()).isEmpty();
                }
            }
        }
    }

    private Double r(double max) {
        return Math.round(random.nextDouble() * max * 10) / 10.0;
    }
}
