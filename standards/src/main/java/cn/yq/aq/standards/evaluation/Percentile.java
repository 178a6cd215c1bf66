package cn.yq.aq.standards.evaluation;

import java.util.Arrays;
import java.util.Collection;

/**
 * The percentile of HJ 663-2013 Annex A: sort ascending X(1) … X(n); k = 1 + (n − 1) × p / 100;
 * s = integer part of k; m_p = X(s) + (X(s+1) − X(s)) × (k − s). Equals Excel PERCENTILE.INC.
 */
public final class Percentile {

    private Percentile() {
    }

    /**
     * @param values the values (at least one; missing, negative and non-finite values are refused)
     * @param p      the percentile, 0–100
     */
    public static double of(Collection<Double> values, double p) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("percentile of no values");
        }
        if (p < 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be within 0–100: " + p);
        }
        double[] x = values.stream().mapToDouble(v -> {
            if (v == null) {
                throw new IllegalArgumentException("percentile of a missing value");
            }
            return Concentrations.require(v, "percentile input");
        }).toArray();
        Arrays.sort(x);
        double k = 1 + (x.length - 1) * p / 100.0;
        int s = (int) Math.floor(k);
        if (s >= x.length) {
            return x[x.length - 1];
        }
        // X(s) is x[s - 1] with 0-based arrays
        return x[s - 1] + (x[s] - x[s - 1]) * (k - s);
    }
}
