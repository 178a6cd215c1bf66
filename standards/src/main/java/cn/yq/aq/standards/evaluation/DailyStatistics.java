package cn.yq.aq.standards.evaluation;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import cn.yq.aq.standards.Pollutant;

/**
 * Daily statistics of HJ 663-2013 from one natural day's hourly values (the intervals starting
 * 00:00 … 23:00, Asia/Shanghai): daily means (≥ 20 hours), the daily maximum 1-h O3 and the daily
 * maximum 8-h O3 (8-h moving averages of ≥ 6 hours, windows ending 08:00 … 24:00).
 */
public final class DailyStatistics {

    /** GB 3095 Grade II daily max 8-h O3 limit, for the "exceeding counts anyway" rule. */
    private static final double O3_8H_LIMIT = 160;

    private final ValidityRules rules;

    public DailyStatistics(ValidityRules rules) {
        this.rules = rules;
    }

    /**
     * @param hourly per pollutant, 24 values indexed by the hour the interval starts; {@code null}
     *               for a missing or not-normal (flag other than N) value
     */
    public DailyValues compute(Map<Pollutant, Double[]> hourly) {
        Map<Pollutant, Double> means = new EnumMap<>(Pollutant.class);
        Map<Pollutant, Integer> counts = new EnumMap<>(Pollutant.class);
        Double o3Max1h = null;
        Double o3Max8h = null;
        for (Map.Entry<Pollutant, Double[]> e : hourly.entrySet()) {
            Double[] values = e.getValue();
            if (values.length != 24) {
                throw new IllegalArgumentException(e.getKey().field() + ": a day has 24 hourly values, not " + values.length);
            }
            int n = 0;
            double sum = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (Double v : values) {
                if (v != null) {
                    Concentrations.require(v, e.getKey().field() + " hourly value");
                    n++;
                    sum += v;
                    max = Math.max(max, v);
                }
            }
            counts.put(e.getKey(), n);
            if (n >= rules.minHoursPerDay()) {
                means.put(e.getKey(), sum / n);
                if (e.getKey() == Pollutant.O3) {
                    o3Max1h = max;
                }
            }
            if (e.getKey() == Pollutant.O3) {
                o3Max8h = maxDaily8h(values);
            }
        }
        return new DailyValues(means, o3Max8h, o3Max1h, counts);
    }

    /**
     * The daily maximum 8-h O3: the largest valid 8-h moving average among the windows ending at
     * {@code firstWindowEndHour} … {@code lastWindowEndHour}; {@code null} when fewer than
     * {@code minValidWindows} are valid, unless the maximum exceeds the limit and the rules let it count.
     */
    public Double maxDaily8h(Double[] o3Hourly) {
        int valid = 0;
        Double max = null;
        for (int end = rules.firstWindowEndHour(); end <= rules.lastWindowEndHour(); end++) {
            Double mean = movingAverage8h(java.util.Arrays.asList(o3Hourly).subList(end - 8, end));
            if (mean != null) {
                valid++;
                max = max == null ? mean : Math.max(max, mean);
            }
        }
        if (max == null) {
            return null;
        }
        if (valid >= rules.minValidWindows() || (rules.exceedingCountsAnyway() && max > O3_8H_LIMIT)) {
            return max;
        }
        return null;
    }

    /** The 8-h moving average of 8 consecutive hourly values; {@code null} with fewer than the minimum. */
    public Double movingAverage8h(List<Double> eightHours) {
        return mean(eightHours, rules.minHoursPer8h());
    }

    /** The 24-h moving average of 24 consecutive hourly values; {@code null} with fewer than the minimum. */
    public Double movingAverage24h(List<Double> twentyFourHours) {
        return mean(twentyFourHours, rules.minHoursPerDay());
    }

    private static Double mean(List<Double> values, int minimum) {
        int n = 0;
        double sum = 0;
        for (Double v : values) {
            if (v != null) {
                n++;
                sum += Concentrations.require(v, "hourly value");
            }
        }
        return n >= minimum ? sum / n : null;
    }
}
