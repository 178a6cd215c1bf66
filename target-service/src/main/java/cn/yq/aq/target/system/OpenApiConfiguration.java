package cn.yq.aq.target.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

/** The OpenAPI document ({@code /v3/api-docs}), which the gateway also serves. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI openApi() {
        return new OpenAPI().info(new Info().title("target-service").version("v1")
                .description("AQI (HJ 633), statistics (HJ 663), composite index and county ranking, targets, CEMS compliance"));
    }
}
