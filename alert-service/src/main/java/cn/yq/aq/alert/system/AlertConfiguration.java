package cn.yq.aq.alert.system;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;

import cn.yq.aq.standards.warning.WarningGrading;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

/**
 * What only alert-service declares: its properties, the warning grading and its OpenAPI title. The
 * registry, clock, InfluxDB client, standards and gateway principal come from service-support.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertProperties.class)
@EnableAsync // the delivery failure reporter raises its alert on Boot's task executor
class AlertConfiguration {

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

    @Bean
    OpenAPI openApi() {
        return new OpenAPI().info(new Info().title("alert-service").version("v1")
                .description("Heavy-pollution warnings, county alerts and their durable delivery (webhook, SMS)"));
    }
}
