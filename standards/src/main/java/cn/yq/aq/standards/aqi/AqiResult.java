package cn.yq.aq.standards.aqi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.yq.aq.standards.Pollutant;

/**
 * An AQI with its parts.
 *
 * @param version           the HJ 633 version applied
 * @param aqi               max of the IAQIs (2012 §5.2 formula (2)); {@code null} when no IAQI could be computed
 * @param category          the AQI's level and category; {@code null} with a {@code null} AQI
 * @param primaryPollutants pollutants whose IAQI equals the AQI when AQI &gt; 50, ties all listed
 *                          (2012 §3.6, 2026 §3.5); empty at AQI ≤ 50
 * @param nonAttainment     pollutants with IAQI &gt; 100 (超标污染物, HJ 633—2012 §3.7; deleted in 2026: always empty)
 * @param iaqi              the individual indices, per indicator
 * @param missing           indicators that had no valid input: HJ 633—2026 §5.3 publishes an AQI
 *                          computed without them only when it is above 100
 */
public record AqiResult(Hj633 version, Integer aqi, Category category, List<Pollutant> primaryPollutants,
                        List<Pollutant> nonAttainment, Map<Indicator, Integer> iaqi, Set<Indicator> missing) {

    static AqiResult of(Hj633 version, EnumMap<Indicator, Integer> iaqi, Set<Indicator> missing) {
        Integer aqi = iaqi.values().stream().max(Integer::compare).orElse(null);
        Set<Pollutant> primary = new LinkedHashSet<>();
        Set<Pollutant> over = new LinkedHashSet<>();
        for (Map.Entry<Indicator, Integer> e : iaqi.entrySet()) {
            if (aqi != null && aqi > 50 && e.getValue().equals(aqi)) {
                primary.add(e.getKey().pollutant());
            }
            if (version == Hj633.V2012 && e.getValue() > 100) {
                over.add(e.getKey().pollutant());
            }
        }
        return new AqiResult(version, aqi, aqi == null ? null : Category.of(aqi), sorted(primary), sorted(over),
                Collections.unmodifiableMap(new EnumMap<>(iaqi)),
                missing.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(missing)));
    }

    private static List<Pollutant> sorted(Set<Pollutant> pollutants) {
        List<Pollutant> list = new ArrayList<>(pollutants);
        Collections.sort(list);
        return List.copyOf(list);
    }

    /** The highest IAQI per pollutant (O3 may have a 1-h and an 8-h IAQI). */
    public Map<Pollutant, Integer> iaqiByPollutant() {
        Map<Pollutant, Integer> map = new EnumMap<>(Pollutant.class);
        iaqi.forEach((indicator, value) -> map.merge(indicator.pollutant(), value, Math::max));
        return map;
    }

    /**
     * Whether the AQI may be published as is: HJ 633—2026 §5.3 publishes an AQI computed without a
     * missing pollutant only when it is above 100 (otherwise "NA").
     */
    public boolean publishable() {
        return aqi != null && (missing.isEmpty() || aqi > 100);
    }
}
