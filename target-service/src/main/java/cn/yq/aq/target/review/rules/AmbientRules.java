package cn.yq.aq.target.review.rules;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.yq.aq.registry.Station;
import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.standards.Pollutant;
import cn.yq.aq.standards.evaluation.HourlyValues;
import cn.yq.aq.target.review.ReviewProperties;
import cn.yq.aq.target.review.Suspect;

/**
 * The automatic pre-review of stations' hours (raw, as they arrived): {@code pm25-exceeds-pm10},
 * {@code constant}, {@code spike}, {@code neighbour-divergence}, {@code negative-or-zero}. Pure: hours in,
 * suspect spans out; each span is one suspect, however many hours it has. Thresholds:
 * {@link ReviewProperties}.
 */
public final class AmbientRules {

    private final ReviewProperties p;

    public AmbientRules(ReviewProperties properties) {
        this.p = properties;
    }

    /** The suspects among the hours [{@code from}, {@code to}) of {@code stations}. */
    public List<Suspect> find(Map<Station, HourlyValues> stations, Instant from, Instant to) {
        int n = (int) ((to.getEpochSecond() - from.getEpochSecond()) / 3600);
        Map<Station, double[][]> series = new LinkedHashMap<>();
        stations.forEach((s, hv) -> series.put(s, series(hv, from, n)));
        return findSeries(series, from);
    }

    /**
     * The suspects of stations' hours given as {@link #series} (a month of a thousand stations as arrays is about
     * 35 MB; as {@code HourlyValues} it would be several times that).
     */
    public List<Suspect> findSeries(Map<Station, double[][]> series, Instant from) {
        List<Suspect> out = new ArrayList<>();
        Map<Station, double[]> pm25 = new LinkedHashMap<>();
        series.forEach((s, v) -> {
            perStation(s, v, from, out);
            pm25.put(s, v[Pollutant.PM25.ordinal()]);
        });
        neighbours(pm25, from, out);
        return out;
    }

    /** The rules that look at one station alone ({@code v}: its {@link #series}), adding what they find to {@code out}. */
    public void perStation(Station s, double[][] v, Instant from, List<Suspect> out) {
        if (p.negativeOrZero().enabled()) {
            negativeOrZero(s, v, from, out);
        }
        if (p.pm25ExceedsPm10().enabled()) {
            pm25ExceedsPm10(s, v, from, out);
        }
        if (p.constant().enabled()) {
            constant(s, v, from, out);
        }
        if (p.spike().enabled()) {
            spike(s, v, from, out);
        }
    }

    /** The rule that compares stations with their neighbours: {@code pm25} is each station's PM2.5 of the span, NaN where missing. */
    public void neighbours(Map<Station, double[]> pm25, Instant from, List<Suspect> out) {
        neighbours(pm25, near(pm25.keySet()), from, out);
    }

    /** The same with the stations' neighbours worked out before ({@link #near}). */
    public void neighbours(Map<Station, double[]> pm25, Map<Station, List<Station>> near, Instant from, List<Suspect> out) {
        if (p.neighbourDivergence().enabled()) {
            neighbourDivergence(pm25, near, from, out);
        }
    }

    /** [pollutant][hour] of the span, NaN where missing. */
    public static double[][] series(HourlyValues hv, Instant from, int n) {
        double[][] v = new double[Pollutant.values().length][n];
        for (double[] row : v) {
            Arrays.fill(row, Double.NaN);
        }
        // a day at a time (Beijing time has no daylight saving: hour i is the start's hour + i)
        ZonedDateTime start = from.atZone(BeijingTime.ZONE);
        java.time.LocalDate day = start.toLocalDate();
        int hour = start.getHour();
        Map<Pollutant, Double[]> values = hv.day(day);
        for (int i = 0; i < n; i++) {
            for (Pollutant pol : Pollutant.values()) {
                Double x = values.get(pol)[hour];
                if (x != null) {
                    v[pol.ordinal()][i] = x;
                }
            }
            if (++hour == 24) {
                hour = 0;
                day = day.plusDays(1);
                values = hv.day(day);
            }
        }
        return v;
    }

    /** Runs of hours where {@code hit} holds, at least {@code minHours} long; a missing hour ends a run. */
    public interface Hit {
        boolean at(int hour);
    }

    public static List<int[]> runs(int n, int minHours, Hit hit) {
        List<int[]> runs = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= n; i++) {
            boolean h = i < n && hit.at(i);
            if (h && start < 0) {
                start = i;
            } else if (!h && start >= 0) {
                if (i - start >= minHours) {
                    runs.add(new int[] {start, i});
                }
                start = -1;
            }
        }
        return runs;
    }

    private void negativeOrZero(Station s, double[][] v, Instant from, List<Suspect> out) {
        for (Pollutant pol : Pollutant.values()) {
            double[] x = v[pol.ordinal()];
            for (int[] r : runs(x.length, p.negativeOrZero().minHours(), i -> !Double.isNaN(x[i]) && x[i] <= 0)) {
                out.add(suspect(s, pol, from, r, "negative-or-zero", Map.of("values", values(x, from, r)),
                        s.name() + pol.symbol() + "为" + fmt(x[r[0]]) + "（不大于0，浓度不可能为零或负值）" + span(r)));
            }
        }
    }

    private void pm25ExceedsPm10(Station s, double[][] v, Instant from, List<Suspect> out) {
        double[] pm25 = v[Pollutant.PM25.ordinal()];
        double[] pm10 = v[Pollutant.PM10.ordinal()];
        double factor = 1 + p.pm25ExceedsPm10().margin();
        for (int[] r : runs(pm25.length, p.pm25ExceedsPm10().minHours(),
                i -> !Double.isNaN(pm25[i]) && !Double.isNaN(pm10[i]) && pm25[i] > pm10[i] * factor)) {
            int worst = r[0];
            for (int i = r[0]; i < r[1]; i++) {
                if (pm25[i] - pm10[i] > pm25[worst] - pm10[worst]) {
                    worst = i;
                }
            }
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("pm25", values(pm25, from, r));
            evidence.put("pm10", values(pm10, from, r));
            evidence.put("margin", p.pm25ExceedsPm10().margin());
            out.add(suspect(s, Pollutant.PM25, from, r, "pm25-exceeds-pm10", evidence, s.name() + "PM2.5高于PM10（如" + hourZh(from, worst)
                    + "PM2.5 " + fmt(pm25[worst]) + "、PM10 " + fmt(pm10[worst]) + " µg/m³）" + span(r)));
        }
    }

    private void constant(Station s, double[][] v, Instant from, List<Suspect> out) {
        for (Pollutant pol : Pollutant.values()) {
            double[] x = v[pol.ordinal()];
            double floor = p.constant().floors().of(pol);
            // a run of equal values: hour i belongs when it equals the hour before or after
            for (int[] r : runs(x.length, p.constant().minHours(), i -> !Double.isNaN(x[i]) && x[i] > floor
                    && ((i > 0 && x[i] == x[i - 1]) || (i + 1 < x.length && x[i] == x[i + 1])))) {
                // split where the value changes inside the run (two plateaus side by side)
                int start = r[0];
                for (int i = r[0] + 1; i <= r[1]; i++) {
                    if (i == r[1] || x[i] != x[start]) {
                        if (i - start >= p.constant().minHours()) {
                            int[] plateau = {start, i};
                            out.add(suspect(s, pol, from, plateau, "constant", Map.of("value", x[start], "hours", i - start),
                                    s.name() + pol.symbol() + "连续" + (i - start) + "小时恒定为" + fmt(x[start]) + "（" + hourZh(from, start)
                                            + "起），疑似仪器停滞或数据重复"));
                        }
                        start = i;
                    }
                }
            }
        }
    }

    private void spike(Station s, double[][] v, Instant from, List<Suspect> out) {
        int max = p.spike().maxHours();
        for (Pollutant pol : Pollutant.values()) {
            double[] x = v[pol.ordinal()];
            double rise = p.spike().rises().of(pol);
            for (int i = 1; i < x.length - 1; i++) {
                // a run of 1 … max hours high above both its sides
                for (int len = 1; len <= max && i + len < x.length; len++) {
                    double before = x[i - 1];
                    double after = x[i + len];
                    if (Double.isNaN(before) || Double.isNaN(after)) {
                        break;
                    }
                    double side = Math.max(before, after);
                    boolean all = true;
                    double peak = 0;
                    for (int j = i; j < i + len; j++) {
                        if (Double.isNaN(x[j]) || x[j] < side * p.spike().factor() || x[j] - side < rise) {
                            all = false;
                            break;
                        }
                        peak = Math.max(peak, x[j]);
                    }
                    if (all) {
                        int[] r = {i, i + len};
                        Map<String, Object> evidence = new LinkedHashMap<>();
                        evidence.put("values", values(x, from, r));
                        evidence.put("before", before);
                        evidence.put("after", after);
                        out.add(suspect(s, pol, from, r, "spike", evidence, s.name() + pol.symbol() + "在" + hourZh(from, i) + "突升至"
                                + fmt(peak) + "（前一小时" + fmt(before) + "、后一小时" + fmt(after) + "）" + span(r) + "，疑似干扰或仪器异常"));
                        i += len;
                        break;
                    }
                }
            }
        }
    }

    /**
     * Each station's nearest {@code neighbours} within {@code radius-km}, nearest first (the same for every span of a
     * pre-review: worked out once).
     */
    public Map<Station, List<Station>> near(java.util.Collection<Station> stations) {
        ReviewProperties.NeighbourDivergence nd = p.neighbourDivergence();
        Map<Station, List<Station>> out = new java.util.HashMap<>();
        for (Station s : stations) {
            List<Map.Entry<Station, Double>> within = new ArrayList<>();
            for (Station o : stations) {
                double d = o == s ? Double.MAX_VALUE : km(s, o);
                if (o != s && d <= nd.radiusKm()) {
                    within.add(Map.entry(o, d));
                }
            }
            within.sort(Map.Entry.comparingByValue());
            out.put(s, within.stream().limit(nd.neighbours()).map(Map.Entry::getKey).toList());
        }
        return out;
    }

    private void neighbourDivergence(Map<Station, double[]> series, Map<Station, List<Station>> nearest, Instant from, List<Suspect> out) {
        ReviewProperties.NeighbourDivergence nd = p.neighbourDivergence();
        for (Station s : series.keySet()) {
            List<Station> near = nearest.getOrDefault(s, List.of()).stream().filter(series::containsKey).toList();
            if (near.size() < 2) {
                continue;
            }
            double[] own = series.get(s);
            double[] median = new double[own.length];
            for (int i = 0; i < own.length; i++) {
                List<Double> values = new ArrayList<>();
                for (Station o : near) {
                    double x = series.get(o)[i];
                    if (!Double.isNaN(x)) {
                        values.add(x);
                    }
                }
                median[i] = values.size() < 2 ? Double.NaN : median(values);
            }
            for (int[] r : runs(own.length, nd.minHours(), i -> !Double.isNaN(own[i]) && !Double.isNaN(median[i])
                    && median[i] >= nd.pollutedPm25() && own[i] < nd.ratio() * median[i])) {
                Map<String, Object> neighbours = new LinkedHashMap<>();
                for (Station o : near) {
                    neighbours.put(o.id(), values(series.get(o), from, r));
                }
                Map<String, Object> evidence = new LinkedHashMap<>();
                evidence.put("values", values(own, from, r));
                evidence.put("neighbourMedian", values(median, from, r));
                evidence.put("neighbours", neighbours);
                out.add(suspect(s, Pollutant.PM25, from, r, "neighbour-divergence", evidence, s.name() + "PM2.5为" + fmt(own[r[0]])
                        + " µg/m³，周边" + near.size() + "个站点中位数" + fmt(median[r[0]]) + " µg/m³" + span(r)
                        + "，明显偏低，疑似采样口喷淋或遮挡"));
            }
        }
    }

    private static double median(List<Double> values) {
        values.sort(Double::compare);
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    /** Great-circle distance in km. */
    static double km(Station a, Station b) {
        double dLat = Math.toRadians(b.lat() - a.lat());
        double dLon = Math.toRadians(b.lon() - a.lon());
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(a.lat())) * Math.cos(Math.toRadians(b.lat())) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * 6371 * Math.asin(Math.sqrt(h));
    }

    private static Suspect suspect(Station s, Pollutant pol, Instant from, int[] r, String rule, Map<String, Object> evidence,
                                   String zh) {
        return Suspect.of(s.id(), "station", s.county(), pol.field(), from.plusSeconds(3600L * r[0]), from.plusSeconds(3600L * r[1]),
                rule, evidence, zh);
    }

    /** The run's values by hour (+08:00), at most the first 48. */
    static Map<String, Double> values(double[] x, Instant from, int[] r) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = r[0]; i < Math.min(r[1], r[0] + 48); i++) {
            out.put(from.plusSeconds(3600L * i).atZone(BeijingTime.ZONE).toOffsetDateTime().toString(), Double.isNaN(x[i]) ? null : x[i]);
        }
        return out;
    }

    static String hourZh(Instant from, int i) {
        ZonedDateTime t = from.plusSeconds(3600L * i).atZone(BeijingTime.ZONE);
        return t.getMonthValue() + "月" + t.getDayOfMonth() + "日" + t.getHour() + "时";
    }

    private static String span(int[] r) {
        return r[1] - r[0] == 1 ? "" : "，连续" + (r[1] - r[0]) + "小时";
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.valueOf(Math.round(v * 100) / 100.0);
    }
}
