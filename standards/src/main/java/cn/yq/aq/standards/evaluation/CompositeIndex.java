package cn.yq.aq.standards.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import cn.yq.aq.standards.Pollutant;
import cn.yq.aq.standards.aqi.Hj633;

/**
 * The ambient-air-quality composite index (环境空气质量综合指数) of the city ranking rules (环办
 * 〔2014〕64号, used by the province for county-level units): I_i = C_i / S_i, I_sum = Σ w_i × I_i over
 * the six pollutants; C_i is the period mean for PM2.5, PM10, SO2, NO2, the 95th percentile of daily
 * CO and the 90th percentile of the daily maximum 8-h O3. Concentrations are rounded as reported
 * (integers, CO one decimal) before dividing; the index is given to two decimals. Smaller is better.
 * <p>
 * The denominators S_i default to GB 3095-2012 Grade II (35, 70, 60, 40, 4, 160) and the weights
 * to 1. The weighted 2026 variant (PM2.5 ×3, NO2 ×2, O3 ×2) is unverified [U]: configuration only.
 */
public final class CompositeIndex {

    /** Evaluation concentrations of a period (µg/m³, CO mg/m³); {@code null} where not available. */
    public record Inputs(Double pm25, Double pm10, Double so2, Double no2, Double coP95, Double o3P90) {

        Map<Pollutant, Double> asMap() {
            Map<Pollutant, Double> m = new EnumMap<>(Pollutant.class);
            m.put(Pollutant.PM25, pm25);
            m.put(Pollutant.PM10, pm10);
            m.put(Pollutant.SO2, so2);
            m.put(Pollutant.NO2, no2);
            m.put(Pollutant.CO, coP95);
            m.put(Pollutant.O3, o3P90);
            return m;
        }
    }

    /** The denominators S_i and weights w_i. */
    public record Parameters(Map<Pollutant, Double> denominators, Map<Pollutant, Double> weights) {

        public Parameters {
            denominators = Map.copyOf(denominators);
            weights = Map.copyOf(weights);
            for (Pollutant p : Pollutant.values()) {
                if (!(denominators.getOrDefault(p, 0.0) > 0) || !(weights.getOrDefault(p, 0.0) > 0)) {
                    throw new IllegalArgumentException("denominator and weight of " + p.field() + " must be > 0");
                }
            }
        }

        /** GB 3095-2012 Grade II annual (24-h for CO, 8-h for O3) limits, unweighted. */
        public static Parameters standard() {
            return new Parameters(
                    Map.of(Pollutant.PM25, 35.0, Pollutant.PM10, 70.0, Pollutant.SO2, 60.0, Pollutant.NO2, 40.0,
                            Pollutant.CO, 4.0, Pollutant.O3, 160.0),
                    Map.of(Pollutant.PM25, 1.0, Pollutant.PM10, 1.0, Pollutant.SO2, 1.0, Pollutant.NO2, 1.0,
                            Pollutant.CO, 1.0, Pollutant.O3, 1.0));
        }
    }

    /**
     * @param index          I_sum, two decimals (GB/T 8170: ties to even)
     * @param subIndices     I_i per pollutant, unrounded
     * @param concentrations the rounded C_i used
     * @param primary        pollutant(s) with the largest single index (首要污染物)
     */
    public record Result(BigDecimal index, Map<Pollutant, Double> subIndices, Map<Pollutant, BigDecimal> concentrations,
                         List<Pollutant> primary) {
    }

    private final Parameters parameters;

    public CompositeIndex(Parameters parameters) {
        this.parameters = parameters;
    }

    public static CompositeIndex standard() {
        return new CompositeIndex(Parameters.standard());
    }

    /** @throws IllegalArgumentException if any of the six inputs is missing, negative or not finite */
    public Result compute(Inputs inputs) {
        Map<Pollutant, Double> subIndices = new EnumMap<>(Pollutant.class);
        Map<Pollutant, BigDecimal> used = new EnumMap<>(Pollutant.class);
        BigDecimal sum = BigDecimal.ZERO;
        for (Map.Entry<Pollutant, Double> e : inputs.asMap().entrySet()) {
            Pollutant p = e.getKey();
            if (e.getValue() == null) {
                throw new IllegalArgumentException("composite index needs " + p.field() + ", which is missing");
            }
            BigDecimal c = Hj633.roundConcentration(p, Concentrations.require(e.getValue(), p.field()));
            used.put(p, c);
            BigDecimal term = c.multiply(BigDecimal.valueOf(parameters.weights().get(p)))
                    .divide(BigDecimal.valueOf(parameters.denominators().get(p)), 10, RoundingMode.HALF_EVEN);
            subIndices.put(p, c.doubleValue() / parameters.denominators().get(p));
            sum = sum.add(term);
        }
        double max = Collections.max(subIndices.values());
        List<Pollutant> primary = new ArrayList<>();
        subIndices.forEach((p, v) -> {
            if (v == max) {
                primary.add(p);
            }
        });
        // GB/T 8170 (四舍六入五成双), as the ranking rules round: an exact tie 4.125 is 4.12, not 4.13
        return new Result(sum.setScale(2, RoundingMode.HALF_EVEN), subIndices, used, List.copyOf(primary));
    }
}
