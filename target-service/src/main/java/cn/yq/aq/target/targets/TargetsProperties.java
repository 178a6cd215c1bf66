package cn.yq.aq.target.targets;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The plan's targets, per year and scope ({@code city} or a county code), as configuration
 * ({@code aq.targets}): PM2.5 annual mean ceiling (µg/m³), good-days ratio floor (%), heavily
 * polluted days (AQI &gt; 200) ceiling. Unset values are not tracked. Every year the plan is in force
 * and every year after it needs its own entries: a year without any has no progress (a problem detail).
 */
@ConfigurationProperties("aq")
public record TargetsProperties(List<Target> targets) {

    public TargetsProperties {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    /**
     * @param id the target's id (tag {@code target} of {@code target_progress}); {@code <year>-<scope>} when unset
     */
    public record Target(String id, int year, String scope, Double pm25Max, Double goodDaysRatioMin, Integer heavyDaysMax) {

        public Target {
            if (scope == null || scope.isBlank()) {
                throw new IllegalArgumentException("aq.targets: a target needs a scope (city or a county code)");
            }
            id = id == null || id.isBlank() ? year + "-" + scope : id;
        }
    }
}
