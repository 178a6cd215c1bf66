package cn.yq.aq.alert.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.influxdb.InfluxDB;
import org.influxdb.dto.BoundParameterQuery;
import org.influxdb.dto.Point;
import org.springframework.stereotype.Component;

import cn.yq.aq.alert.event.Alert;
import cn.yq.aq.alert.event.AlertLevel;
import cn.yq.aq.alert.event.AlertType;
import cn.yq.aq.alert.system.AlertProperties;
import cn.yq.aq.support.influx.Rows;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alert history in InfluxDB {@code alert_events} (tags {@code county type level}; fields {@code id
 * state title text} and the rest of the alert), which Grafana shows as annotations. A point's time
 * is the alert's {@code issuedAt} (microseconds): writing it again (redelivery, acknowledgement)
 * overwrites the same point.
 */
@Component
public class AlertHistory {

    public static final String MEASUREMENT = "alert_events";

    private final InfluxDB influx;
    private final String database;
    private final String retentionPolicy;
    private final JsonMapper json;

    public AlertHistory(InfluxDB influx, AlertProperties properties, JsonMapper json) {
        this.json = json;
        this.influx = influx;
        this.database = properties.influx().database();
        this.retentionPolicy = properties.influx().retentionPolicy();
    }

    public void write(Alert a) {
        Point.Builder p = point(a).addField("state", "open").addField("title", nz(a.title())).addField("text", nz(a.text()))
                .addField("scope", nz(a.scope())).addField("details", json.writeValueAsString(a.details()));
        if (a.validFrom() != null) {
            p.addField("validFrom", Alert.iso(a.validFrom()));
        }
        if (a.validTo() != null) {
            p.addField("validTo", Alert.iso(a.validTo()));
        }
        influx.write(database, retentionPolicy, p.build());
    }

    /**
     * Marks an alert acknowledged (fields merge into its point). A county acknowledging a city-wide
     * alert acknowledges it for itself only ({@code acked_<county>}).
     */
    public void acknowledge(Alert a, String by, String byCounty, Instant at) {
        Point.Builder p = point(a);
        if (a.county() == null && byCounty != null) {
            p.addField("acked_" + byCounty, Alert.iso(at));
        } else {
            p.addField("state", "acknowledged").addField("ackedBy", by).addField("ackedAt", Alert.iso(at));
        }
        influx.write(database, retentionPolicy, p.build());
    }

    private static Point.Builder point(Alert a) {
        long micros = TimeUnit.SECONDS.toMicros(a.issuedAt().getEpochSecond()) + a.issuedAt().getNano() / 1000;
        return Point.measurement(MEASUREMENT).time(micros, TimeUnit.MICROSECONDS).tag("county", a.countyTag())
                .tag("type", a.type().name()).tag("level", a.level().code()).addField("id", a.id());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** An alert and its state, as the API shows it. */
    public record Entry(Alert alert, String state, String ackedBy, String ackedAt, Map<String, String> countyAcks) {

        /** As {@code viewer} (a county code; {@code null} for the bureau) sees it. */
        public View as(String viewer) {
            if (viewer != null && countyAcks.containsKey(viewer)) {
                return new View(alert, "acknowledged", viewer, countyAcks.get(viewer), null);
            }
            return new View(alert, state, ackedBy, ackedBy == null ? null : ackedAt,
                    viewer == null && !countyAcks.isEmpty() ? new java.util.TreeMap<>(countyAcks) : null);
        }
    }

    /**
     * The API's answer for one alert: the alert's fields, its state ({@code open} or {@code acknowledged}), who
     * acknowledged it and when (absent while open), and, for the bureau, each county's acknowledgement.
     */
    public record View(@JsonUnwrapped Alert alert, String state, @JsonInclude(JsonInclude.Include.NON_NULL) String ackedBy,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String ackedAt,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, String> countyAcks) {
    }

    /**
     * Alerts issued in [from, to), newest first; {@code counties} (null: all) limits them to those
     * counties and the city-wide ones; {@code type} (null: all).
     */
    public List<Entry> find(List<String> counties, AlertType type, Instant from, Instant to, int limit) {
        StringBuilder q = new StringBuilder("SELECT * FROM " + MEASUREMENT + " WHERE time >= $from AND time < $to");
        BoundParameterQuery.QueryBuilder params;
        if (type != null) {
            q.append(" AND \"type\" = $type");
        }
        if (counties != null) {
            q.append(" AND (\"county\" = 'city'");
            for (int i = 0; i < counties.size(); i++) {
                q.append(" OR \"county\" = $c").append(i);
            }
            q.append(')');
        }
        q.append(" ORDER BY time DESC LIMIT ").append(limit);
        params = BoundParameterQuery.QueryBuilder.newQuery(q.toString()).forDatabase(database)
                .bind("from", from.toString()).bind("to", to.toString());
        if (type != null) {
            params.bind("type", type.name());
        }
        if (counties != null) {
            for (int i = 0; i < counties.size(); i++) {
                params.bind("c" + i, counties.get(i));
            }
        }
        return entries(params.create());
    }

    /** One alert by id, or {@code null}. */
    public Entry byId(String id) {
        List<Entry> found = entries(BoundParameterQuery.QueryBuilder
                .newQuery("SELECT * FROM " + MEASUREMENT + " WHERE \"id\" = $id").forDatabase(database).bind("id", id).create());
        return found.isEmpty() ? null : found.get(0);
    }

    private List<Entry> entries(BoundParameterQuery query) {
        List<Entry> out = new ArrayList<>();
        for (Rows.Row row : Rows.of(influx.query(query, TimeUnit.MICROSECONDS))) {
            out.add(entry(row.values()));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private Entry entry(Map<String, Object> v) {
        long micros = ((Number) v.get("time")).longValue();
        Instant issued = Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
        String county = (String) v.get("county");
        Map<String, Object> details = v.get("details") instanceof String d && !d.isBlank() ? json.readValue(d, Map.class) : Map.of();
        AlertType type = AlertType.valueOf((String) v.get("type"));
        Alert a = new Alert((String) v.get("id"), type, AlertLevel.of(type, (String) v.get("level")),
                emptyToNull(v.get("scope")), Alert.CITY.equals(county) ? null : county, issued,
                Alert.instant(emptyToNull(v.get("validFrom"))), Alert.instant(emptyToNull(v.get("validTo"))),
                (String) v.get("title"), (String) v.get("text"), details);
        Map<String, String> countyAcks = new LinkedHashMap<>();
        v.forEach((k, x) -> {
            if (k.startsWith("acked_") && x instanceof String t && !t.isEmpty()) {
                countyAcks.put(k.substring("acked_".length()), t);
            }
        });
        return new Entry(a, (String) v.get("state"), emptyToNull(v.get("ackedBy")), emptyToNull(v.get("ackedAt")), countyAcks);
    }

    private static String emptyToNull(Object o) {
        return o instanceof String s && !s.isEmpty() ? s : null;
    }
}
