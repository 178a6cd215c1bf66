package cn.yq.aq.target.system;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import cn.yq.aq.registry.Registry;
import cn.yq.aq.registry.RegistryLoader;
import cn.yq.aq.standards.RuleCalendar;
import cn.yq.aq.standards.evaluation.DailyStatistics;
import cn.yq.aq.standards.evaluation.ValidityRules;
import okhttp3.OkHttpClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TargetProperties.class)
@EnableScheduling
class TargetConfiguration {

    @Bean
    Registry registry(TargetProperties properties) {
        return RegistryLoader.load(properties.registry().file(), properties.registry().name());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    RuleCalendar ruleCalendar(TargetProperties properties) {
        return new RuleCalendar(properties.rules().switchDate(), properties.rules().finalPhaseDate());
    }

    @Bean
    DailyStatistics dailyStatistics(TargetProperties properties) {
        ValidityRules standard = ValidityRules.standard();
        return new DailyStatistics(new ValidityRules(standard.minHoursPerDay(), standard.minHoursPer8h(),
                standard.firstWindowEndHour(), standard.lastWindowEndHour(), properties.rules().minValidWindows(),
                properties.rules().exceedingCountsAnyway(), standard.minDaysPerMonth(), standard.minDaysPerFebruary(),
                standard.minDaysPerYear()));
    }

    @Bean(destroyMethod = "close")
    InfluxDB influxDB(TargetProperties properties) {
        TargetProperties.Influx c = properties.influx();
        OkHttpClient.Builder http = new OkHttpClient.Builder().connectTimeout(2, TimeUnit.SECONDS)
                .readTimeout(120, TimeUnit.SECONDS).writeTimeout(60, TimeUnit.SECONDS);
        InfluxDB influx = c.username() == null || c.username().isBlank()
                ? InfluxDBFactory.connect(c.url(), http)
                : InfluxDBFactory.connect(c.url(), c.username(), c.password(), http);
        influx.setDatabase(c.database());
        influx.setRetentionPolicy(c.retentionPolicy());
        return influx;
    }

    @Bean
    HealthIndicator influxHealthIndicator(InfluxDB influx, TargetProperties properties) {
        return () -> {
            try {
                return influx.ping().isGood() ? Health.up().withDetail("url", properties.influx().url()).build()
                        : Health.down().withDetail("url", properties.influx().url()).build();
            } catch (RuntimeException e) {
                return Health.down(e).withDetail("url", properties.influx().url()).build();
            }
        };
    }
}
