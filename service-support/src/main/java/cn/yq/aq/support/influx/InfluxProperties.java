package cn.yq.aq.support.influx;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where and how every service reaches InfluxDB ({@code aq.influx.*}), bound once by
 * {@link InfluxAutoConfiguration}; a service's own properties may nest it to read the database name.
 *
 * @param readTimeout how long a query may take (target-service's year recomputations need more than the default)
 */
@ConfigurationProperties("aq.influx")
public record InfluxProperties(@DefaultValue("http://127.0.0.1:8086") String url, @DefaultValue("airquality") String database,
                               @DefaultValue("autogen") String retentionPolicy, String username, String password,
                               @DefaultValue("30s") Duration readTimeout) {
}
