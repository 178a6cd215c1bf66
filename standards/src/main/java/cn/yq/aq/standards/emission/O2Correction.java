package cn.yq.aq.standards.emission;

/**
 * Conversion of a measured flue-gas concentration to the reference O2 content, GB 13271-2014 §5.4
 * formula (1): ρ = ρ′ × (21 − φ(O2)) / (21 − φ′(O2)), with ρ′ the measured concentration, φ′(O2)
 * the measured and φ(O2) the reference O2 content in %.
 */
public final class O2Correction {

    private O2Correction() {
    }

    /**
     * @throws IllegalArgumentException for a measured O2 of 21 % or more (air, not flue gas) or values
     *                                  out of range
     */
    public static double toReference(double measured, double measuredO2, double referenceO2) {
        if (!Double.isFinite(measured) || measured < 0) {
            throw new IllegalArgumentException("measured concentration must be finite and >= 0: " + measured);
        }
        if (!(measuredO2 >= 0 && measuredO2 < 21)) {
            throw new IllegalArgumentException("measured O2 must be within 0–21 %: " + measuredO2);
        }
        if (!(referenceO2 >= 0 && referenceO2 < 21)) {
            throw new IllegalArgumentException("reference O2 must be within 0–21 %: " + referenceO2);
        }
        return measured * (21 - referenceO2) / (21 - measuredO2);
    }
}
