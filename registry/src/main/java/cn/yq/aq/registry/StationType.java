package cn.yq.aq.registry;

import java.util.Locale;

/** Kinds of ambient monitoring stations. */
public enum StationType {
    NATIONAL, PROVINCIAL, TOWNSHIP, INDUSTRIAL_PARK, ROADSIDE;

    /** The registry's and the InfluxDB tag's spelling, e.g. {@code industrial-park}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static StationType of(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
