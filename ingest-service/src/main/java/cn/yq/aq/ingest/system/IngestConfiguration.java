package cn.yq.aq.ingest.system;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

/**
 * What only ingest declares: its properties and its OpenAPI title. The registry, clock, InfluxDB
 * client and its health come from service-support's auto-configuration.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestProperties.class)
class IngestConfiguration {

    /** The OpenAPI document ({@code /v3/api-docs}), which the gateway also serves. */
    @Bean
    OpenAPI openApi() {
        return new OpenAPI().info(new Info().title("ingest-service").version("v1")
                .description("Readings over HTTP (the MQTT JSON); MQTT and HJ 212 TCP intake are described in the README"));
    }
}
