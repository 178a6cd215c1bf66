package cn.yq.aq.standards;

import java.util.Locale;
import java.util.Optional;

/**
 * The six ambient pollutants of GB 3095 Table 1 and HJ 633, with the contract's field names and the
 * units the platform stores them in (µg/m³; CO in mg/m³).
 */
public enum Pollutant {
    PM25("pm25", "PM2.5", "细颗粒物", Unit.UG_M3),
    PM10("pm10", "PM10", "可吸入颗粒物", Unit.UG_M3),
    SO2("so2", "SO2", "二氧化硫", Unit.UG_M3),
    NO2("no2", "NO2", "二氧化氮", Unit.UG_M3),
    CO("co", "CO", "一氧化碳", Unit.MG_M3),
    O3("o3", "O3", "臭氧", Unit.UG_M3);

    private final String field;
    private final String symbol;
    private final String nameZh;
    private final Unit unit;

    Pollutant(String field, String symbol, String nameZh, Unit unit) {
        this.field = field;
        this.symbol = symbol;
        this.nameZh = nameZh;
        this.unit = unit;
    }

    /** The contract's field name (InfluxDB field, JSON key): {@code pm25}, {@code co} … */
    public String field() {
        return field;
    }

    /** The usual symbol, e.g. {@code PM2.5}. */
    public String symbol() {
        return symbol;
    }

    public String nameZh() {
        return nameZh;
    }

    /** The unit the platform stores and evaluates this pollutant in. */
    public Unit unit() {
        return unit;
    }

    /**
     * Decimals of a reported concentration (HJ 633—2026 §4.2.2, HJ 663-2013 practice): integers in
     * µg/m³, one decimal for CO in mg/m³.
     */
    public int reportDecimals() {
        return this == CO ? 1 : 0;
    }

    public static Optional<Pollutant> fromField(String field) {
        for (Pollutant p : values()) {
            if (p.field.equals(field.toLowerCase(Locale.ROOT))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
