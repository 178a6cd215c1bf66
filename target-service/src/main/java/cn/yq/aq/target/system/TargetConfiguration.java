package cn.yq.aq.target.system;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

/**
 * What only target-service declares: its properties, scheduling and its OpenAPI title. The registry,
 * clock, InfluxDB client, standards and gateway principal come from service-support's auto-configuration.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TargetProperties.class)
@EnableScheduling
class TargetConfiguration {

    /** The OpenAPI document ({@code /v3/api-docs}), which the gateway also serves. */
    @Bean
    OpenAPI openApi() {
        return new OpenAPI().info(new Info().title("target-service").version("v1")
                .description("AQI (HJ 633), statistics (HJ 663), composite index and county ranking, targets, CEMS compliance"));
    }
}
