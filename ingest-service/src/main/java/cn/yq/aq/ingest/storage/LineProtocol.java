package cn.yq.aq.ingest.storage;

import static cn.yq.aq.support.influx.LineEscapes.escape;
import static cn.yq.aq.support.influx.LineEscapes.quoted;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import cn.yq.aq.ingest.reading.Measurement;
import cn.yq.aq.ingest.reading.Reading;
import cn.yq.aq.ingest.reading.Site;
import cn.yq.aq.ingest.validation.ValidReading;
import cn.yq.aq.registry.Source;
import cn.yq.aq.registry.Station;

/**
 * A reading as the InfluxDB contract's line: measurement {@code ambient} (tags county, interval,
 * station, type) or {@code cems} (tags county, enterprise, fuel, interval, source); values as float
 * fields, as measured; flags other than N as string fields {@code <field>_flag}. Nothing derived: CEMS
 * values corrected to a reference O2, limits and exceedances are target-service's ({@code cems_hourly}).
 * Timestamp: the interval start, in milliseconds.
 *
 * <p>Written straight into a string, not through influxdb-java's {@code Point} (a tree map per point
 * and a {@code DecimalFormat} per number were most of the storage side's CPU per reading): the tag part
 * is the same for every reading of a station and interval, so it is built and escaped once and kept;
 * numbers are Java's shortest exact decimal ({@code Double.toString}, which InfluxDB parses, exponent
 * included). Escaping follows the line protocol: in the measurement commas and spaces, in tag keys,
 * tag values and field keys commas, equals signs and spaces, in string field values double quotes and
 * backslashes.
 */
@Component
public class LineProtocol {

    /** The measurement and tag part of a line by measurement, id and interval, escaped; built once each. */
    private final Map<HeadKey, String> heads = new ConcurrentHashMap<>();

    private record HeadKey(Measurement measurement, String id, Duration interval) {
    }


    /** The line of a validated reading, its tags from the station or source validation found. */
    public String line(ValidReading valid) {
        Reading r = valid.reading();
        StringBuilder b = new StringBuilder(256);
        b.append(head(valid.site(), r.interval())).append(' ');
        boolean first = true;
        for (Map.Entry<String, Double> e : r.values().entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            escape(b, e.getKey(), true).append('=').append(e.getValue().doubleValue());
        }
        for (Map.Entry<String, String> e : r.flags().entrySet()) {
            if (!"N".equals(e.getValue())) {
                b.append(',');
                escape(b, e.getKey(), true).append("_flag=\"");
                quoted(b, e.getValue()).append('"');
            }
        }
        return b.append(' ').append(r.time().toEpochMilli()).toString();
    }

    private String head(Site site, Duration interval) {
        return heads.computeIfAbsent(new HeadKey(site.measurement(), site.id(), interval), k -> buildHead(site, interval));
    }

    /** Tags in key order (what InfluxDB stores them in, and the cheapest for it to take). */
    private static String buildHead(Site site, Duration interval) {
        StringBuilder b = new StringBuilder(128);
        escape(b, site.measurement().code(), false);
        if (site instanceof Site.OfStation station) {
            Station s = station.station();
            tag(b, "county", s.county());
            tag(b, "interval", interval.toString());
            tag(b, "station", s.id());
            tag(b, "type", s.type().code());
        } else if (site instanceof Site.OfSource source) {
            Source s = source.source();
            tag(b, "county", s.county());
            tag(b, "enterprise", s.enterprise());
            tag(b, "fuel", s.fuel().name().toLowerCase(Locale.ROOT));
            tag(b, "interval", interval.toString());
            tag(b, "source", s.id());
        }
        return b.toString();
    }

    private static void tag(StringBuilder b, String key, String value) {
        if (value == null || value.isEmpty()) {
            return; // InfluxDB refuses an empty tag value: the tag is left out
        }
        b.append(',');
        escape(b, key, true).append('=');
        escape(b, value, true);
    }
}
