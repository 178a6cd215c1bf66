package cn.yq.aq.target.compliance;

import java.util.List;

/**
 * A source's compliance over a period: per pollutant with a limit, the hours with a valid
 * O2-corrected hourly mean, the hours above the limit, and the largest corrected value.
 */
public record SourceCompliance(String source, String enterprise, String county, String fuel, String limitProfile,
                               String limitProfileZh, double referenceO2, List<PollutantCompliance> pollutants,
                               int exceedanceHours) {

    /**
     * @param limit          mg/m³ at the profile's reference O2
     * @param maxCorrected   largest O2-corrected hourly mean, {@code null} without valid hours
     */
    public record PollutantCompliance(String pollutant, int validHours, int exceedanceHours, Double maxCorrected,
                                      double limit) {
    }
}
