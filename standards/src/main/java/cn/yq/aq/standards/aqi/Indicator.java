package cn.yq.aq.standards.aqi;

import cn.yq.aq.standards.Pollutant;

/**
 * The concentration columns of the IAQI breakpoint table (HJ 633—2012 Table 1, HJ 633—2026
 * Table 3): a pollutant with its averaging time.
 */
public enum Indicator {
    SO2_24H(Pollutant.SO2, "so2_24h"),
    SO2_1H(Pollutant.SO2, "so2_1h"),
    NO2_24H(Pollutant.NO2, "no2_24h"),
    NO2_1H(Pollutant.NO2, "no2_1h"),
    PM10_24H(Pollutant.PM10, "pm10_24h"),
    CO_24H(Pollutant.CO, "co_24h"),
    CO_1H(Pollutant.CO, "co_1h"),
    O3_1H(Pollutant.O3, "o3_1h"),
    O3_8H(Pollutant.O3, "o3_8h"),
    PM25_24H(Pollutant.PM25, "pm25_24h");

    private final Pollutant pollutant;
    private final String key;

    Indicator(Pollutant pollutant, String key) {
        this.pollutant = pollutant;
        this.key = key;
    }

    public Pollutant pollutant() {
        return pollutant;
    }

    /** A stable lower-case key, e.g. {@code o3_8h}. */
    public String key() {
        return key;
    }
}
