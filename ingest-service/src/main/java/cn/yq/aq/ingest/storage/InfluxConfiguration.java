package cn.yq.aq.ingest.storage;

import java.util.concurrent.TimeUnit;

import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.yq.aq.ingest.system.IngestProperties;
import okhttp3.OkHttpClient;

@Configuration(proxyBeanMethods = false)
class InfluxConfiguration {

    @Bean(destroyMethod = "close")
    InfluxDB influxDB(IngestProperties properties) {
        IngestProperties.Influx c = properties.influx();
        OkHttpClient.Builder http = new OkHttpClient.Builder().connectTimeout(2, TimeUnit.SECONDS)
                .readTimeout(30, TimeUnit.SECONDS).writeTimeout(30, TimeUnit.SECONDS);
        InfluxDB influx = c.username() == null || c.username().isBlank()
                ? InfluxDBFactory.connect(c.url(), http)
                : InfluxDBFactory.connect(c.url(), c.username(), c.password(), http);
        influx.setDatabase(c.database());
        influx.setRetentionPolicy(c.retentionPolicy());
        return influx;
    }

    /** InfluxDB answers {@code /ping}. */
    @Bean
    HealthIndicator influxHealthIndicator(InfluxDB influx, IngestProperties properties) {
        return () -> {
            try {
                var pong = influx.ping();
                return pong.isGood() ? Health.up().withDetail("version", pong.getVersion())
                        .withDetail("url", properties.influx().url()).build()
                        : Health.down().withDetail("url", properties.influx().url()).build();
            } catch (RuntimeException e) {
                return Health.down(e).withDetail("url", properties.influx().url()).build();
            }
        };
    }
}
