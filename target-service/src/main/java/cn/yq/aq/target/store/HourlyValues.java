package cn.yq.aq.target.store;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import cn.yq.aq.standards.Pollutant;

/**
 * Hourly means of one place (station, or county/city as the mean of its stations), by Asia/Shanghai
 * day and the hour the interval starts (0–23); {@code null} where missing or not flagged N.
 */
public final class HourlyValues {

    private final Map<LocalDate, Map<Pollutant, Double[]>> days = new HashMap<>();

    public void put(LocalDate day, int hour, Pollutant pollutant, double value) {
        days.computeIfAbsent(day, d -> new EnumMap<>(Pollutant.class))
                .computeIfAbsent(pollutant, p -> new Double[24])[hour] = value;
    }

    /** The day's 24 values per pollutant; every pollutant present (all {@code null} when absent). */
    public Map<Pollutant, Double[]> day(LocalDate day) {
        Map<Pollutant, Double[]> stored = days.getOrDefault(day, Map.of());
        Map<Pollutant, Double[]> full = new EnumMap<>(Pollutant.class);
        for (Pollutant p : Pollutant.values()) {
            full.put(p, stored.containsKey(p) ? stored.get(p).clone() : new Double[24]);
        }
        return full;
    }

    public Double value(LocalDate day, int hour, Pollutant pollutant) {
        Map<Pollutant, Double[]> d = days.get(day);
        if (d == null || !d.containsKey(pollutant)) {
            return null;
        }
        return d.get(pollutant)[hour];
    }

    public boolean isEmpty() {
        return days.isEmpty();
    }

    /**
     * The mean of several places hour by hour (HJ 663 点位平均: a county's or the city's value is the
     * mean of its evaluation stations), over the stations that have a valid value that hour.
     */
    public static HourlyValues mean(Iterable<HourlyValues> places) {
        Map<String, double[]> sums = new HashMap<>();
        for (HourlyValues place : places) {
            place.days.forEach((day, byPollutant) -> byPollutant.forEach((pollutant, values) -> {
                for (int h = 0; h < 24; h++) {
                    if (values[h] != null) {
                        double[] s = sums.computeIfAbsent(day + "|" + pollutant.name() + "|" + h, k -> new double[2]);
                        s[0] += values[h];
                        s[1]++;
                    }
                }
            }));
        }
        HourlyValues mean = new HourlyValues();
        sums.forEach((key, s) -> {
            String[] k = key.split("\\|");
            mean.put(LocalDate.parse(k[0]), Integer.parseInt(k[2]), Pollutant.valueOf(k[1]), s[0] / s[1]);
        });
        return mean;
    }
}
