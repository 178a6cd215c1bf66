package cn.yq.aq.support.influx;

import java.util.concurrent.TimeUnit;

import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import okhttp3.OkHttpClient;

/** The InfluxDB 1.x client every service builds the same way, and its health indicator. */
public final class InfluxClients {

    private InfluxClients() {
    }

    /** A client bound to the database and (explicit) retention policy; close it when done. */
    public static InfluxDB connect(InfluxProperties settings) {
        OkHttpClient.Builder http = new OkHttpClient.Builder().connectTimeout(2, TimeUnit.SECONDS)
                .readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS).writeTimeout(60, TimeUnit.SECONDS);
        InfluxDB influx = settings.username() == null || settings.username().isBlank()
                ? InfluxDBFactory.connect(settings.url(), http)
                : InfluxDBFactory.connect(settings.url(), settings.username(), settings.password(), http);
        influx.setDatabase(settings.database());
        influx.setRetentionPolicy(settings.retentionPolicy());
        return influx;
    }

    /** UP when InfluxDB answers a ping; the URL in the details either way. */
    public static HealthIndicator health(InfluxDB influx, String url) {
        return () -> {
            try {
                var pong = influx.ping();
                return pong.isGood() ? Health.up().withDetail("version", pong.getVersion()).withDetail("url", url).build()
                        : Health.down().withDetail("url", url).build();
            } catch (RuntimeException e) {
                return Health.down(e).withDetail("url", url).build();
            }
        };
    }
}
