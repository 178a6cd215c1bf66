package cn.yq.aq.standards.emission;

import java.util.Locale;

/**
 * Boiler fuels, with the reference O2 of GB 13271-2014 §5.4 (coal 9 %, oil and gas 3.5 %); biomass
 * briquettes follow the coal rules (GB 13271-2014 scope).
 */
public enum Fuel {
    COAL(9.0), OIL(3.5), GAS(3.5), BIOMASS(9.0);

    private final double referenceO2;

    Fuel(double referenceO2) {
        this.referenceO2 = referenceO2;
    }

    /** Reference O2 content, %. */
    public double referenceO2() {
        return referenceO2;
    }

    /** From the registry's lower-case name ({@code coal|gas|biomass|oil}). */
    public static Fuel of(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
