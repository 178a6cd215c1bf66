package cn.yq.aq.support.standards;

import java.time.LocalDate;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which rules the services apply ({@code aq.rules}), one key per concept for every service: the
 * daily AQI target-service materialises and the observed 24-h AQI alert-service warns on are
 * computed with the same calendar and validity rules.
 *
 * @param switchDate            first day of the 2026 rules (GB 3095—2026, HJ 633—2026)
 * @param finalPhaseDate        first day of GB 3095—2026's final limits
 * @param minValidWindows       valid 8-h windows a daily maximum 8-h O3 needs (HJ 663-2013, unverified [U])
 * @param exceedingCountsAnyway a daily maximum 8-h O3 over the limit counts with fewer windows [U]
 */
@ConfigurationProperties("aq.rules")
public record RulesProperties(@DefaultValue("2026-03-01") LocalDate switchDate, @DefaultValue("2031-01-01") LocalDate finalPhaseDate,
                              @DefaultValue("14") int minValidWindows, @DefaultValue("true") boolean exceedingCountsAnyway) {
}
