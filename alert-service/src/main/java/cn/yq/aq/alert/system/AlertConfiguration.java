package cn.yq.aq.alert.system;

import java.time.Clock;
import java.time.Duration;

import org.influxdb.InfluxDB;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.yq.aq.registry.Registry;
import cn.yq.aq.registry.RegistryLoader;
import cn.yq.aq.standards.warning.WarningGrading;
import cn.yq.aq.support.influx.InfluxClients;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertProperties.class)
class AlertConfiguration {

    @Bean
    Registry registry(AlertProperties properties) {
        return RegistryLoader.load(properties.registry().file(), properties.registry().name());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** 环大气〔2024〕6号 by default; {@code aq.warning.grading=2019} for the 2019 grading. */
    @Bean
    WarningGrading warningGrading(AlertProperties properties) {
        return switch (properties.warning().grading()) {
            case "2024" -> WarningGrading.of2024();
            case "2019" -> WarningGrading.of2019();
            default -> throw new IllegalArgumentException("aq.warning.grading must be 2024 or 2019, not "
                    + properties.warning().grading());
        };
    }

    @Bean(destroyMethod = "close")
    InfluxDB influxDB(AlertProperties properties) {
        AlertProperties.Influx c = properties.influx();
        return InfluxClients.connect(new InfluxClients.Settings(c.url(), c.database(), c.retentionPolicy(), c.username(),
                c.password()), Duration.ofSeconds(30));
    }

    @Bean
    HealthIndicator influxHealthIndicator(InfluxDB influx, AlertProperties properties) {
        return InfluxClients.health(influx, properties.influx().url());
    }

    @Bean
    OpenAPI openApi() {
        return new OpenAPI().info(new Info().title("alert-service").version("v1")
                .description("Heavy-pollution warnings, county alerts and their durable delivery (webhook, SMS)"));
    }
}
