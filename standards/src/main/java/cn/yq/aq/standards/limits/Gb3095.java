package cn.yq.aq.standards.limits;

import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;

import cn.yq.aq.standards.Pollutant;

/**
 * GB 3095 ambient concentration limits (Table 1, basic items; µg/m³, CO mg/m³), in the editions
 * and phases that apply by date: GB 3095-2012 until 2026-02-28, GB 3095—2026 transition limits
 * 2026-03-01 … 2030-12-31, GB 3095—2026 final limits from 2031-01-01 (GB 3095—2026 §4.4).
 */
public enum Gb3095 {

    /** GB 3095-2012 Table 1. */
    V2012(rows(
            row(Pollutant.SO2, 20, 60, 50, 150, 150, 500, 0, 0),
            row(Pollutant.NO2, 40, 40, 80, 80, 200, 200, 0, 0),
            row(Pollutant.CO, 0, 0, 4, 4, 10, 10, 0, 0),
            row(Pollutant.O3, 0, 0, 0, 0, 160, 200, 100, 160),
            row(Pollutant.PM10, 40, 70, 50, 150, 0, 0, 0, 0),
            row(Pollutant.PM25, 15, 35, 35, 75, 0, 0, 0, 0))),

    /** GB 3095—2026 Table 1, transition phase (to 2030-12-31). */
    V2026_TRANSITION(rows(
            row(Pollutant.SO2, 20, 60, 50, 150, 150, 500, 0, 0),
            row(Pollutant.NO2, 40, 40, 80, 80, 200, 200, 0, 0),
            row(Pollutant.CO, 0, 0, 4, 4, 10, 10, 0, 0),
            row(Pollutant.O3, 0, 0, 0, 0, 160, 200, 100, 160),
            row(Pollutant.PM10, 40, 60, 50, 120, 0, 0, 0, 0),
            row(Pollutant.PM25, 15, 30, 35, 60, 0, 0, 0, 0))),

    /** GB 3095—2026 Table 1, final limits (from 2031-01-01). */
    V2026_FINAL(rows(
            row(Pollutant.SO2, 20, 20, 50, 50, 150, 150, 0, 0),
            row(Pollutant.NO2, 30, 30, 50, 50, 200, 200, 0, 0),
            row(Pollutant.CO, 0, 0, 4, 4, 10, 10, 0, 0),
            row(Pollutant.O3, 0, 0, 0, 0, 160, 200, 100, 160),
            row(Pollutant.PM10, 20, 50, 50, 100, 0, 0, 0, 0),
            row(Pollutant.PM25, 10, 25, 25, 50, 0, 0, 0, 0)));

    /** Grade I applies to class-1 zones (nature reserves), Grade II to the rest (cities, industry, rural). */
    public enum Grade { I, II }

    private final Map<Pollutant, double[]> limits;

    Gb3095(Map<Pollutant, double[]> limits) {
        this.limits = limits;
    }

    /**
     * The limit of a pollutant for an averaging time and grade; empty where the table sets none
     * (e.g. no annual CO limit, no 1-h PM limit).
     */
    public OptionalDouble limit(Pollutant pollutant, Averaging averaging, Grade grade) {
        double[] r = limits.get(pollutant);
        int column = averaging.ordinal() * 2 + (grade == Grade.I ? 0 : 1);
        double value = r[column];
        return value == 0 ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** Grade II, the limit that applies to a city's evaluation. */
    public OptionalDouble limit(Pollutant pollutant, Averaging averaging) {
        return limit(pollutant, averaging, Grade.II);
    }

    /** One pollutant's row: Grade I and II limits per averaging time (0 where the table has none). */
    private record Row(Pollutant pollutant, double[] limits) {
    }

    private static Row row(Pollutant p, double annualI, double annualII, double dailyI, double dailyII,
                           double hourI, double hourII, double mda8I, double mda8II) {
        return new Row(p, new double[] {annualI, annualII, dailyI, dailyII, hourI, hourII, mda8I, mda8II});
    }

    private static Map<Pollutant, double[]> rows(Row... rows) {
        Map<Pollutant, double[]> map = new EnumMap<>(Pollutant.class);
        for (Row r : rows) {
            map.put(r.pollutant(), r.limits());
        }
        return map;
    }
}
