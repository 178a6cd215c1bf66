package cn.yq.aq.ingest.storage;

import java.time.Duration;

import org.influxdb.InfluxDB;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.yq.aq.ingest.system.IngestProperties;
import cn.yq.aq.support.influx.InfluxClients;

@Configuration(proxyBeanMethods = false)
class InfluxConfiguration {

    @Bean(destroyMethod = "close")
    InfluxDB influxDB(IngestProperties properties) {
        IngestProperties.Influx c = properties.influx();
        return InfluxClients.connect(new InfluxClients.Settings(c.url(), c.database(), c.retentionPolicy(), c.username(),
                c.password()), Duration.ofSeconds(30));
    }

    /** InfluxDB answers {@code /ping}. */
    @Bean
    HealthIndicator influxHealthIndicator(InfluxDB influx, IngestProperties properties) {
        return InfluxClients.health(influx, properties.influx().url());
    }
}
