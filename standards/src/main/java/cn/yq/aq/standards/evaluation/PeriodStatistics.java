package cn.yq.aq.standards.evaluation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import cn.yq.aq.standards.Pollutant;

/**
 * Period (month, year, year-to-date) statistics of HJ 663-2013 §5 from daily values: means of
 * PM2.5, PM10, SO2, NO2 (and CO, informative); the 24-h 98th percentile of SO2 and NO2, the 95th of
 * PM10, PM2.5 and CO; the 90th percentile of the daily maximum 8-h O3. Each statistic counts only
 * the days on which that value is valid.
 *
 * @param pm25     mean and 95th percentile of daily PM2.5
 * @param pm10     mean and 95th percentile of daily PM10
 * @param so2      mean and 98th percentile of daily SO2
 * @param no2      mean and 98th percentile of daily NO2
 * @param co       mean and 95th percentile of daily CO
 * @param o3Max8h  mean and 90th percentile of the daily maximum 8-h O3
 */
public record PeriodStatistics(Statistic pm25, Statistic pm10, Statistic so2, Statistic no2, Statistic co,
                               Statistic o3Max8h) {

    /**
     * One pollutant's statistic over the period.
     *
     * @param mean       arithmetic mean of the valid days, {@code null} without any
     * @param percentile the pollutant's evaluation percentile, {@code null} without any valid day
     * @param p          which percentile (98, 95 or 90)
     * @param validDays  days with a valid value
     * @param valid      whether {@code validDays} reaches the period's minimum
     */
    public record Statistic(Double mean, Double percentile, int p, int validDays, boolean valid) {
    }

    /**
     * @param days        the period's daily values
     * @param minimumDays valid days the period needs ({@link ValidityRules#minDays}, {@code minDaysPerYear},
     *                    or 0 for a period without a minimum such as year-to-date)
     */
    public static PeriodStatistics of(Collection<DailyValues> days, int minimumDays) {
        return new PeriodStatistics(
                statistic(days, d -> d.mean(Pollutant.PM25), 95, minimumDays),
                statistic(days, d -> d.mean(Pollutant.PM10), 95, minimumDays),
                statistic(days, d -> d.mean(Pollutant.SO2), 98, minimumDays),
                statistic(days, d -> d.mean(Pollutant.NO2), 98, minimumDays),
                statistic(days, d -> d.mean(Pollutant.CO), 95, minimumDays),
                statistic(days, DailyValues::o3Max8h, 90, minimumDays));
    }

    private static Statistic statistic(Collection<DailyValues> days, Function<DailyValues, Double> value, int p,
                                       int minimumDays) {
        List<Double> values = new ArrayList<>();
        for (DailyValues d : days) {
            Double v = value.apply(d);
            if (v != null) {
                values.add(v);
            }
        }
        if (values.isEmpty()) {
            return new Statistic(null, null, p, 0, false);
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).sum() / values.size();
        return new Statistic(mean, Percentile.of(values, p), p, values.size(), values.size() >= minimumDays);
    }

    /** The inputs of the composite index: four means, CO P95 and O3 MDA8 P90. */
    public CompositeIndex.Inputs compositeInputs() {
        return new CompositeIndex.Inputs(pm25.mean(), pm10.mean(), so2.mean(), no2.mean(), co.percentile(),
                o3Max8h.percentile());
    }
}
