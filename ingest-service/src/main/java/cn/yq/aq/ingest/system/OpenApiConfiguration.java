package cn.yq.aq.ingest.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

/** The OpenAPI document ({@code /v3/api-docs}), which the gateway also serves. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI openApi() {
        return new OpenAPI().info(new Info().title("ingest-service").version("v1")
                .description("Readings over HTTP (the MQTT JSON); MQTT and HJ 212 TCP intake are described in the README"));
    }
}
