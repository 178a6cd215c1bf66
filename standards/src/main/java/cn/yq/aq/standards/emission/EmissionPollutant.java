package cn.yq.aq.standards.emission;

import java.util.Locale;

/** Flue-gas pollutants with limits, by the CEMS contract's field names. */
public enum EmissionPollutant {
    PM("pm"), SO2("so2"), NOX("nox"), HG("hg");

    private final String field;

    EmissionPollutant(String field) {
        this.field = field;
    }

    public String field() {
        return field;
    }

    public static EmissionPollutant of(String field) {
        return valueOf(field.trim().toUpperCase(Locale.ROOT));
    }
}
