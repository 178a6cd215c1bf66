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
        for (StationType t : values()) {
            if (t.code().equals(code.trim())) {
                return t;
            }
        }
        throw new RegistryException("field 'type': '" + code + "' is not one of "
                + java.util.Arrays.stream(values()).map(StationType::code).toList());
    }
}
