package cn.yq.aq.target.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import cn.yq.aq.support.influx.InfluxProperties;

/** Configuration of target-service ({@code aq.*}; {@code aq.rules} is service-support's RulesProperties). */
@ConfigurationProperties("aq")
public record TargetProperties(@DefaultValue InfluxProperties influx, Materialization materialization,
                               @DefaultValue Vocs vocs) {

    /**
     * @param scheduled  recompute the recent days on a schedule
     * @param every      how often
     * @param recentDays   how many days back the scheduled run always recomputes
     * @param lateDataDays how far back it looks for days whose data changed since its last run
     * @param emissionsEvery how often {@code cems_hourly} and {@code vocs_hourly} of today and yesterday are
     *                       brought up to date (the exceedance alerts read them: this is their latency)
     */
    public record Materialization(@DefaultValue("true") boolean scheduled, @DefaultValue("1h") Duration every,
                                  @DefaultValue("3") int recentDays, @DefaultValue("90") int lateDataDays,
                                  @DefaultValue("1m") Duration emissionsEvery) {
    }

    /**
     * VOCs control at the industrial parks: the NMHC reference (one of the standards library's ids;
     * all unverified [U]) and an optional local hourly limit that replaces its value.
     */
    public record Vocs(@DefaultValue("db13-1577-ii") String reference, Double hourlyLimit) {
    }
}
