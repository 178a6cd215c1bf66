package cn.yq.aq.standards.evaluation;

import java.util.Map;

import cn.yq.aq.standards.Pollutant;
import cn.yq.aq.standards.aqi.DailyConcentrations;

/**
 * One day's evaluation values of a station (or of a county or city as the mean of its stations).
 *
 * @param means      valid daily means per pollutant (O3: the daily mean is informative only)
 * @param o3Max8h    daily maximum 8-h O3 (MDA8), {@code null} if not valid
 * @param o3Max1h    daily maximum 1-h O3, {@code null} if not valid
 * @param validHours hourly values that counted, per pollutant
 */
public record DailyValues(Map<Pollutant, Double> means, Double o3Max8h, Double o3Max1h,
                          Map<Pollutant, Integer> validHours) {

    public DailyValues {
        means = Map.copyOf(means);
        validHours = Map.copyOf(validHours);
    }

    public Double mean(Pollutant pollutant) {
        return means.get(pollutant);
    }

    /**
     * Whether the day is a valid evaluation day: every pollutant of the daily report has a valid
     * value (the six-pollutant AQI can be computed).
     */
    public boolean complete() {
        return means.keySet().containsAll(java.util.EnumSet.of(Pollutant.PM25, Pollutant.PM10, Pollutant.SO2,
                Pollutant.NO2, Pollutant.CO)) && o3Max8h != null;
    }

    /** The inputs of the daily AQI. */
    public DailyConcentrations toConcentrations() {
        return new DailyConcentrations(mean(Pollutant.PM25), mean(Pollutant.PM10), mean(Pollutant.SO2),
                mean(Pollutant.NO2), mean(Pollutant.CO), o3Max8h, o3Max1h);
    }
}
