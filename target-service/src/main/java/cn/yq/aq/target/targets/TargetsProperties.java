package cn.yq.aq.target.targets;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The plan's targets, per year and scope ({@code city} or a county code), as configuration
 * ({@code aq.targets}): PM2.5 annual mean ceiling (µg/m³), good-days ratio floor (%), heavily
 * polluted days (AQI &gt; 200) ceiling. Unset values are not tracked.
 */
@ConfigurationProperties("aq")
public record TargetsProperties(List<Target> targets) {

    public TargetsProperties {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    public record Target(int year, String scope, Double pm25Max, Double goodDaysRatioMin, Integer heavyDaysMax) {
    }
}
