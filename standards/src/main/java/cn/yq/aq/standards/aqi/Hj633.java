package cn.yq.aq.standards.aqi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalInt;

import cn.yq.aq.standards.Pollutant;

/**
 * HJ 633 Technical Regulation on Ambient Air Quality Index, in its two versions: HJ 633—2012 (for
 * data before 2026-03-01) and HJ 633—2026 (from then on). Choose the version by the date of the
 * data with {@link cn.yq.aq.standards.RuleCalendar}.
 * <p>
 * Rules common to both versions:
 * <ul>
 * <li>IAQI by linear interpolation between the bracketing breakpoints (2012 §5.2 formula (1),
 * 2026 §4.2.3);</li>
 * <li>concentrations are first rounded half-to-even (GB/T 8170) to integers in µg/m³ and to one
 * decimal of mg/m³ for CO (2026 §4.2.2);</li>
 * <li>IAQI is rounded up to an integer (2012 §6.2, 2026 §4.2.6);</li>
 * <li>a concentration above the table's last breakpoint gives IAQI 500.</li>
 * </ul>
 */
public enum Hj633 {

    /**
     * HJ 633—2012 Table 1. Note (2): SO2 1-h above 800 µg/m³ gives no 1-h IAQI, the 24-h IAQI is used
     * instead; note (3): O3 8-h above 800 µg/m³ gives no 8-h IAQI, the 1-h IAQI is used instead.
     */
    V2012(table(
            new double[] {0, 50, 150, 475, 800, 1600, 2100, 2620},   // SO2 24-h
            new double[] {0, 150, 500, 650, 800},                    // SO2 1-h, note (2) above 800
            new double[] {0, 40, 80, 180, 280, 565, 750, 940},       // NO2 24-h
            new double[] {0, 100, 200, 700, 1200, 2340, 3090, 3840}, // NO2 1-h
            new double[] {0, 50, 150, 250, 350, 420, 500, 600},      // PM10 24-h
            new double[] {0, 2, 4, 14, 24, 36, 48, 60},              // CO 24-h, mg/m³
            new double[] {0, 5, 10, 35, 60, 90, 120, 150},           // CO 1-h, mg/m³
            new double[] {0, 160, 200, 300, 400, 800, 1000, 1200},   // O3 1-h
            new double[] {0, 100, 160, 215, 265, 800},               // O3 8-h, note (3) above 800
            new double[] {0, 35, 75, 115, 150, 250, 350, 500})),     // PM2.5 24-h

    /**
     * HJ 633—2026 Table 3: PM10 and PM2.5 breakpoints at IAQI 100 become 120 and 60; note b: SO2 1-h
     * above 800 µg/m³ gives IAQI 200; note c: O3 8-h above 800 µg/m³ gives IAQI 300.
     */
    V2026(table(
            new double[] {0, 50, 150, 475, 800, 1600, 2100, 2620},
            new double[] {0, 150, 500, 650, 800},
            new double[] {0, 40, 80, 180, 280, 565, 750, 940},
            new double[] {0, 100, 200, 700, 1200, 2340, 3090, 3840},
            new double[] {0, 50, 120, 250, 350, 420, 500, 600},
            new double[] {0, 2, 4, 14, 24, 36, 48, 60},
            new double[] {0, 5, 10, 35, 60, 90, 120, 150},
            new double[] {0, 160, 200, 300, 400, 800, 1000, 1200},
            new double[] {0, 100, 160, 215, 265, 800},
            new double[] {0, 35, 60, 115, 150, 250, 350, 500}));

    /** The IAQI values of the table's rows. */
    static final int[] IAQI_ROWS = {0, 50, 100, 150, 200, 300, 400, 500};

    /** Above this, the SO2 1-h and O3 8-h columns end (notes (2)/(3) of 2012, b/c of 2026). */
    static final double COLUMN_END = 800;

    private final Map<Indicator, double[]> breakpoints;

    Hj633(Map<Indicator, double[]> breakpoints) {
        this.breakpoints = breakpoints;
    }

    private static Map<Indicator, double[]> table(double[]... columns) {
        Map<Indicator, double[]> map = new EnumMap<>(Indicator.class);
        Indicator[] order = Indicator.values();
        for (int i = 0; i < order.length; i++) {
            map.put(order[i], columns[i]);
        }
        return map;
    }

    /** The concentration breakpoints of a column (a copy), one per IAQI row 0, 50, 100 … */
    public double[] breakpoints(Indicator indicator) {
        return breakpoints.get(indicator).clone();
    }

    /**
     * Rounds a concentration as HJ 633—2026 §4.2.2 requires before the IAQI: half-to-even, integer
     * µg/m³, CO to 0.1 mg/m³.
     */
    public static BigDecimal roundConcentration(Pollutant pollutant, double concentration) {
        return BigDecimal.valueOf(concentration).setScale(pollutant.reportDecimals(), RoundingMode.HALF_EVEN);
    }

    /**
     * The individual AQI of one concentration. Empty where the standard calculates none: HJ 633—2012
     * SO2 1-h or O3 8-h above 800 µg/m³ (the caller then uses the 24-h SO2 or the 1-h O3 IAQI).
     *
     * @throws IllegalArgumentException for a negative or non-finite concentration
     */
    public OptionalInt iaqi(Indicator indicator, double concentration) {
        if (!Double.isFinite(concentration) || concentration < 0) {
            throw new IllegalArgumentException(indicator.key() + " concentration must be finite and >= 0: " + concentration);
        }
        BigDecimal c = roundConcentration(indicator.pollutant(), concentration);
        double[] bp = breakpoints.get(indicator);
        double top = bp[bp.length - 1];
        if (c.doubleValue() > top) {
            if (top == COLUMN_END && (indicator == Indicator.SO2_1H || indicator == Indicator.O3_8H)) {
                if (this == V2012) {
                    return OptionalInt.empty();
                }
                return OptionalInt.of(indicator == Indicator.SO2_1H ? 200 : 300);
            }
            return OptionalInt.of(500);
        }
        for (int i = 1; i < bp.length; i++) {
            BigDecimal hi = BigDecimal.valueOf(bp[i]);
            if (c.compareTo(hi) <= 0) {
                BigDecimal lo = BigDecimal.valueOf(bp[i - 1]);
                // (IAQI_Hi − IAQI_Lo) × (C − BP_Lo) / (BP_Hi − BP_Lo), exact, then rounded up
                BigDecimal rise = BigDecimal.valueOf(IAQI_ROWS[i] - IAQI_ROWS[i - 1]).multiply(c.subtract(lo));
                int up = rise.divide(hi.subtract(lo), 0, RoundingMode.CEILING).intValueExact();
                return OptionalInt.of(IAQI_ROWS[i - 1] + up);
            }
        }
        throw new IllegalStateException("unreachable: " + c + " within " + top);
    }

    /**
     * The real-time (hourly) report. HJ 633—2012 §5.1.3: SO2, NO2, CO, O3 1-h values, the O3 8-h
     * moving average and the PM values (platforms use the current 1-h PM value on the 24-h
     * breakpoints since 2014); SO2 1-h above 800 falls back to the 24-h SO2 when given. HJ 633—2026
     * §5.1: the six 1-h values only (PM on the daily breakpoints), no O3 8-h.
     */
    public AqiResult realtime(HourlyConcentrations c) {
        Map<Indicator, Double> input = new EnumMap<>(Indicator.class);
        put(input, Indicator.SO2_1H, c.so2());
        put(input, Indicator.NO2_1H, c.no2());
        put(input, Indicator.CO_1H, c.co());
        put(input, Indicator.O3_1H, c.o3());
        put(input, Indicator.PM10_24H, c.pm10());
        put(input, Indicator.PM25_24H, c.pm25());
        if (this == V2012) {
            put(input, Indicator.O3_8H, c.o3MovingAverage8h());
        }
        EnumMap<Indicator, Integer> iaqi = new EnumMap<>(Indicator.class);
        java.util.Set<Indicator> missing = java.util.EnumSet.noneOf(Indicator.class);
        for (Map.Entry<Indicator, Double> e : input.entrySet()) {
            if (e.getValue() == null) {
                missing.add(e.getKey());
                continue;
            }
            OptionalInt value = iaqi(e.getKey(), e.getValue());
            if (value.isPresent()) {
                iaqi.put(e.getKey(), value.getAsInt());
            } else if (e.getKey() == Indicator.SO2_1H) {
                // 2012 note (2): report the SO2 IAQI from the 24-h mean
                if (c.so2MovingAverage24h() != null) {
                    iaqi(Indicator.SO2_24H, c.so2MovingAverage24h()).ifPresent(v -> iaqi.put(Indicator.SO2_24H, v));
                } else {
                    missing.add(Indicator.SO2_24H);
                }
            }
            // 2012 note (3): O3 8-h above 800 is dropped; the O3 1-h IAQI (always in the real-time report) stands
        }
        return AqiResult.of(this, iaqi, missing);
    }

    /**
     * The daily report. HJ 633—2012 §5.1.2: daily means of SO2, NO2, CO, PM10, PM2.5, the daily
     * maximum 8-h O3 and the daily maximum 1-h O3 (7 indicators). HJ 633—2026 §5.2: the same without
     * the 1-h O3 (6 indicators). 2012 note (3): O3 8-h above 800 is replaced by the 1-h O3, which
     * the daily report already holds.
     */
    public AqiResult daily(DailyConcentrations c) {
        Map<Indicator, Double> input = new EnumMap<>(Indicator.class);
        put(input, Indicator.SO2_24H, c.so2());
        put(input, Indicator.NO2_24H, c.no2());
        put(input, Indicator.CO_24H, c.co());
        put(input, Indicator.PM10_24H, c.pm10());
        put(input, Indicator.PM25_24H, c.pm25());
        put(input, Indicator.O3_8H, c.o3Max8h());
        if (this == V2012) {
            put(input, Indicator.O3_1H, c.o3Max1h());
        }
        EnumMap<Indicator, Integer> iaqi = new EnumMap<>(Indicator.class);
        java.util.Set<Indicator> missing = java.util.EnumSet.noneOf(Indicator.class);
        for (Map.Entry<Indicator, Double> e : input.entrySet()) {
            if (e.getValue() == null) {
                missing.add(e.getKey());
            } else {
                iaqi(e.getKey(), e.getValue()).ifPresent(v -> iaqi.put(e.getKey(), v));
            }
        }
        return AqiResult.of(this, iaqi, missing);
    }

    private static void put(Map<Indicator, Double> map, Indicator indicator, Double value) {
        map.put(indicator, value);
    }
}
