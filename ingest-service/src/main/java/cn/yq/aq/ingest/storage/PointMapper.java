package cn.yq.aq.ingest.storage;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.influxdb.dto.Point;
import org.springframework.stereotype.Component;

import cn.yq.aq.ingest.reading.Measurement;
import cn.yq.aq.ingest.reading.Reading;
import cn.yq.aq.registry.Registry;
import cn.yq.aq.registry.Source;
import cn.yq.aq.registry.Station;

/**
 * A reading as the InfluxDB contract's point: measurement {@code ambient} (tags station, county,
 * type, interval) or {@code cems} (tags source, enterprise, county, fuel, interval); values as float
 * fields, as measured; flags other than N as {@code <field>_flag}. Nothing derived: CEMS values
 * corrected to a reference O2, limits and exceedances are target-service's ({@code cems_hourly}).
 * Timestamp: the interval start, in milliseconds. The client escapes tag and field text for line
 * protocol.
 */
@Component
public class PointMapper {

    private final Registry registry;

    public PointMapper(Registry registry) {
        this.registry = registry;
    }

    public Point toPoint(Reading r) {
        Point.Builder b = Point.measurement(r.measurement().code()).time(r.time().toEpochMilli(), TimeUnit.MILLISECONDS);
        if (r.measurement() == Measurement.AMBIENT) {
            Station s = registry.station(r.id()).orElseThrow();
            b.tag("station", s.id()).tag("county", s.county()).tag("type", s.type().code());
        } else {
            Source s = registry.source(r.id()).orElseThrow();
            b.tag("source", s.id()).tag("enterprise", s.enterprise()).tag("county", s.county())
                    .tag("fuel", s.fuel().name().toLowerCase(Locale.ROOT));
        }
        b.tag("interval", r.interval().toString());
        for (Map.Entry<String, Double> e : r.values().entrySet()) {
            b.addField(e.getKey(), e.getValue().doubleValue());
        }
        for (Map.Entry<String, String> e : r.flags().entrySet()) {
            if (!"N".equals(e.getValue())) {
                b.addField(e.getKey() + "_flag", e.getValue());
            }
        }
        return b.build();
    }
}
