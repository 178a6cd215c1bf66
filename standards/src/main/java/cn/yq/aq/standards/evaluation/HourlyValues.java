package cn.yq.aq.standards.evaluation;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import cn.yq.aq.standards.Pollutant;

/**
 * Hourly means of one place (station, or county/city as the mean of its stations), by Asia/Shanghai
 * day and the hour the interval starts (0–23); {@code null} where missing or not flagged N. The input
 * of {@link DailyStatistics}: target-service's daily AQI uses {@link #day}, alert-service's observed
 * rolling 24-h AQI {@link #window}, both on the same 点位平均 ({@link #mean}).
 */
public final class HourlyValues {

    private final Map<LocalDate, Map<Pollutant, Double[]>> days = new HashMap<>();

    public void put(LocalDate day, int hour, Pollutant pollutant, double value) {
        Concentrations.require(value, pollutant.field());
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

    /**
     * The 24 consecutive hours ending with the hour starting at {@code lastHour} (inclusive), per
     * pollutant, in the shape of {@link #day}: for {@code lastHour} at 23:00 it equals that day.
     */
    public Map<Pollutant, Double[]> window(LocalDateTime lastHour) {
        Map<Pollutant, Double[]> out = new EnumMap<>(Pollutant.class);
        for (Pollutant p : Pollutant.values()) {
            Double[] values = new Double[24];
            for (int i = 0; i < 24; i++) {
                LocalDateTime t = lastHour.minusHours(23 - i);
                values[i] = value(t.toLocalDate(), t.getHour(), p);
            }
            out.put(p, values);
        }
        return out;
    }

    /** Takes the value of that hour out (an hour a reviewer invalidated); nothing when there is none. */
    public void remove(LocalDate day, int hour, Pollutant pollutant) {
        Map<Pollutant, Double[]> d = days.get(day);
        if (d != null && d.containsKey(pollutant)) {
            d.get(pollutant)[hour] = null;
        }
    }

    /** A copy that changes apart from this one. */
    public HourlyValues copy() {
        HourlyValues copy = new HourlyValues();
        days.forEach((day, byPollutant) -> {
            Map<Pollutant, Double[]> c = new EnumMap<>(Pollutant.class);
            byPollutant.forEach((p, values) -> c.put(p, values.clone()));
            copy.days.put(day, c);
        });
        return copy;
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
        Accumulator acc = new Accumulator();
        places.forEach(acc::add);
        return acc.mean();
    }

    /** Sums places hour by hour, so that a county's or the city's mean can be built a batch of stations at a time. */
    public static final class Accumulator {

        private final Map<LocalDate, double[][][]> sums = new HashMap<>(); // [pollutant][hour][sum, count]

        public void add(HourlyValues place) {
            place.days.forEach((day, byPollutant) -> {
                double[][][] s = sums.computeIfAbsent(day, d -> new double[Pollutant.values().length][24][2]);
                byPollutant.forEach((pollutant, values) -> {
                    for (int h = 0; h < 24; h++) {
                        if (values[h] != null) {
                            s[pollutant.ordinal()][h][0] += values[h];
                            s[pollutant.ordinal()][h][1]++;
                        }
                    }
                });
            });
        }

        public HourlyValues mean() {
            HourlyValues mean = new HourlyValues();
            sums.forEach((day, s) -> {
                for (Pollutant p : Pollutant.values()) {
                    for (int h = 0; h < 24; h++) {
                        if (s[p.ordinal()][h][1] > 0) {
                            mean.put(day, h, p, s[p.ordinal()][h][0] / s[p.ordinal()][h][1]);
                        }
                    }
                }
            });
            return mean;
        }
    }
}
