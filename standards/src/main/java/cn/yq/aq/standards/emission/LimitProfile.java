package cn.yq.aq.standards.emission;

import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A source's emission limits (mg/m³, standard state, dry gas, at {@code referenceO2}); a source's
 * hourly O2-corrected mean above a limit is an exceedance hour (DB14/1929-2019 §6.2 practice).
 *
 * @param id          the name the registry uses (e.g. {@code ultra-low})
 * @param descriptionZh where the limits come from, in Chinese, for reports
 * @param referenceO2 the O2 content the limits are stated at, %
 * @param limits      per pollutant
 */
public record LimitProfile(String id, String descriptionZh, double referenceO2, Map<EmissionPollutant, Double> limits) {

    public LimitProfile {
        limits = Map.copyOf(new EnumMap<>(limits));
        if (!(referenceO2 >= 0 && referenceO2 < 21)) {
            throw new IllegalArgumentException(id + ": reference O2 must be within 0–21 %");
        }
    }

    public OptionalDouble limit(EmissionPollutant pollutant) {
        Double v = limits.get(pollutant);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** The measured concentration corrected to this profile's reference O2. */
    public double corrected(double measured, double measuredO2) {
        return O2Correction.toReference(measured, measuredO2, referenceO2);
    }
}
