package cn.yq.aq.support.standards;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import cn.yq.aq.standards.RuleCalendar;
import cn.yq.aq.standards.evaluation.DailyStatistics;
import cn.yq.aq.standards.evaluation.ValidityRules;

/**
 * The standards library as configured by {@code aq.rules} ({@link RulesProperties}): the
 * {@link RuleCalendar} (which rule set a date's data falls under) and the {@link DailyStatistics}
 * (HJ 663 validity). Every service that needs them gets the same ones.
 */
@AutoConfiguration
@EnableConfigurationProperties(RulesProperties.class)
public class StandardsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    RuleCalendar ruleCalendar(RulesProperties rules) {
        return new RuleCalendar(rules.switchDate(), rules.finalPhaseDate());
    }

    @Bean
    @ConditionalOnMissingBean
    DailyStatistics dailyStatistics(RulesProperties rules) {
        ValidityRules standard = ValidityRules.standard();
        return new DailyStatistics(new ValidityRules(standard.minHoursPerDay(), standard.minHoursPer8h(),
                standard.firstWindowEndHour(), standard.lastWindowEndHour(), rules.minValidWindows(),
                rules.exceedingCountsAnyway(), standard.minDaysPerMonth(), standard.minDaysPerFebruary(),
                standard.minDaysPerYear()));
    }
}
