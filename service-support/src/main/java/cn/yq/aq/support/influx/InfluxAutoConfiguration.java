package cn.yq.aq.support.influx;

import org.influxdb.InfluxDB;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The InfluxDB client of every service that has influxdb-java on its class path (ingest, target and
 * alert service; not the gateway), built by {@link InfluxClients} from {@code aq.influx}, and its
 * health indicator {@code influx}. A service may declare its own client instead.
 */
@AutoConfiguration
@ConditionalOnClass(InfluxDB.class)
@EnableConfigurationProperties(InfluxProperties.class)
public class InfluxAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    InfluxDB influxDB(InfluxProperties properties) {
        return InfluxClients.connect(properties);
    }

    @Bean
    @ConditionalOnMissingBean(name = "influxHealthIndicator")
    HealthIndicator influxHealthIndicator(InfluxDB influx, InfluxProperties properties) {
        return InfluxClients.health(influx, properties.url());
    }
}
