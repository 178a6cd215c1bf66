package cn.yq.aq.target.system;

import java.time.Clock;
import java.time.Duration;

import org.influxdb.InfluxDB;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import cn.yq.aq.registry.Registry;
import cn.yq.aq.registry.RegistryLoader;
import cn.yq.aq.support.influx.InfluxClients;

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

    @Bean(destroyMethod = "close")
    InfluxDB influxDB(TargetProperties properties) {
        TargetProperties.Influx c = properties.influx();
        return InfluxClients.connect(new InfluxClients.Settings(c.url(), c.database(), c.retentionPolicy(), c.username(),
                c.password()), Duration.ofSeconds(120));
    }

    @Bean
    HealthIndicator influxHealthIndicator(InfluxDB influx, TargetProperties properties) {
        return InfluxClients.health(influx, properties.influx().url());
    }
}
