package cn.yq.aq.target.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.influxdb.InfluxDB;
import org.influxdb.dto.Point;
import org.springframework.stereotype.Component;

import cn.yq.aq.support.influx.Rows;
import cn.yq.aq.target.system.TargetProperties;

/**
 * The review's records in InfluxDB, append-only: {@code review_marks} (one point per act on a mark:
 * propose, approve, reject) and {@code review_months} (one point per close or reopen of a month). Nothing
 * here deletes or rewrites a point, and nothing here writes {@code ambient} or {@code cems}. Each act is
 * a point of its own: its time is the act's, made unique to the nanosecond so that two acts never share
 * a point.
 */
@Component
public class ReviewStore {

    /**
     * One act on a mark, with the mark's whole content (so that the trail reads without joins).
     *
     * @param act     propose, approve or reject
     * @param status  the mark's status after the act: proposed, approved or rejected
     * @param by      the principal's id; {@code role} reviewer or bureau
     */
    public record MarkAct(String id, String act, String status, String target, String kind, String county, List<String> pollutants,
                          Instant from, Instant to, String action, String reason, String note, String suspect, String by,
                          String role, Instant at) {
    }

    /** One act on a month: close or reopen. */
    public record MonthAct(String month, String act, String by, String note, Instant at) {
    }

    private final InfluxDB influx;
    private final InfluxQl influxQl;
    private final String database;
    private final String retentionPolicy;
    private final AtomicLong lastNanos = new AtomicLong();

    ReviewStore(InfluxDB influx, InfluxQl influxQl, TargetProperties properties) {
        this.influx = influx;
        this.influxQl = influxQl;
        this.database = properties.influx().database();
        this.retentionPolicy = properties.influx().retentionPolicy();
    }

    /** Appends an act (the broker of record: InfluxDB answers only once it is stored). */
    public void append(MarkAct a) {
        Point.Builder p = Point.measurement("review_marks").time(unique(a.at()), TimeUnit.NANOSECONDS)
                .tag("target", a.target()).tag("county", a.county()).tag("status", a.status()).tag("reason", a.reason())
                .addField("id", a.id()).addField("act", a.act()).addField("kind", a.kind())
                .addField("pollutants", String.join(",", a.pollutants()))
                .addField("from", a.from().toString()).addField("to", a.to().toString()).addField("action", a.action())
                .addField("by", a.by()).addField("role", a.role()).addField("note", a.note() == null ? "" : a.note())
                .addField("suspect", a.suspect() == null ? "" : a.suspect());
        if (!"propose".equals(a.act())) {
            p.addField("decided_by", a.by()).addField("decided_at", a.at().toString());
        }
        influx.write(database, retentionPolicy, p.build());
    }

    /** Every act on every mark, oldest first (a city's trail is small: it is read whole and folded). */
    public List<MarkAct> markActs() {
        List<MarkAct> out = new ArrayList<>();
        for (Rows.Row r : influxQl.select("SELECT * FROM review_marks", Map.of())) {
            String pollutants = str(r, "pollutants");
            out.add(new MarkAct(str(r, "id"), str(r, "act"), r.tag("status") != null ? r.tag("status") : str(r, "status"),
                    tagOrField(r, "target"), str(r, "kind"), tagOrField(r, "county"),
                    pollutants == null || pollutants.isEmpty() ? List.of() : Arrays.asList(pollutants.split(",")),
                    Instant.parse(str(r, "from")), Instant.parse(str(r, "to")), str(r, "action"), tagOrField(r, "reason"),
                    emptyAsNull(str(r, "note")), emptyAsNull(str(r, "suspect")), str(r, "by"), str(r, "role"),
                    Instant.ofEpochMilli(((Number) r.get("time")).longValue())));
        }
        out.sort(java.util.Comparator.comparing(MarkAct::at));
        return out;
    }

    /** Appends a month's close or reopen. */
    public void append(MonthAct a) {
        influx.write(database, retentionPolicy, Point.measurement("review_months").time(unique(a.at()), TimeUnit.NANOSECONDS)
                .tag("month", a.month()).addField("act", a.act()).addField("by", a.by())
                .addField("note", a.note() == null ? "" : a.note()).build());
    }

    /** Every close and reopen, oldest first. */
    public List<MonthAct> monthActs() {
        List<MonthAct> out = new ArrayList<>();
        for (Rows.Row r : influxQl.select("SELECT * FROM review_months", Map.of())) {
            out.add(new MonthAct(tagOrField(r, "month"), str(r, "act"), str(r, "by"), emptyAsNull(str(r, "note")),
                    Instant.ofEpochMilli(((Number) r.get("time")).longValue())));
        }
        out.sort(java.util.Comparator.comparing(MonthAct::at));
        return out;
    }

    /**
     * The pre-review's suspects starting in [{@code from}, {@code to}), found again: the range's earlier suspects
     * are replaced (a suspect is derived, not a record of an act; its id stays the same when it is found again).
     */
    public void replaceSuspects(Instant from, Instant to, List<cn.yq.aq.target.review.Suspect> suspects,
                                tools.jackson.databind.json.JsonMapper json) {
        influxQl.execute("DELETE FROM review_suspects WHERE time >= $from AND time < $to",
                Map.of("from", from.toString(), "to", to.toString()));
        org.influxdb.dto.BatchPoints.Builder batch = org.influxdb.dto.BatchPoints.database(database).retentionPolicy(retentionPolicy)
                .precision(TimeUnit.MILLISECONDS);
        int n = 0;
        for (cn.yq.aq.target.review.Suspect x : suspects) {
            batch.point(Point.measurement("review_suspects").time(x.from().toEpochMilli(), TimeUnit.MILLISECONDS)
                    .tag("target", x.target()).tag("county", x.county()).tag("rule", x.rule()).tag("pollutant", x.pollutant())
                    .addField("id", x.id()).addField("kind", x.kind()).addField("from", x.from().toString())
                    .addField("to", x.to().toString()).addField("status", "open")
                    .addField("evidence", json.writeValueAsString(x.evidence())).addField("description", x.descriptionZh()).build());
            if (++n % 5000 == 0) {
                influx.write(batch.build());
                batch = org.influxdb.dto.BatchPoints.database(database).retentionPolicy(retentionPolicy).precision(TimeUnit.MILLISECONDS);
            }
        }
        influx.write(batch.build());
    }

    /** The suspects starting in [{@code from}, {@code to}). */
    @SuppressWarnings("unchecked")
    public List<cn.yq.aq.target.review.Suspect> suspects(Instant from, Instant to, tools.jackson.databind.json.JsonMapper json) {
        List<cn.yq.aq.target.review.Suspect> out = new ArrayList<>();
        for (Rows.Row r : influxQl.select("SELECT * FROM review_suspects WHERE time >= $from AND time < $to",
                Map.of("from", from.toString(), "to", to.toString()))) {
            String evidence = str(r, "evidence");
            out.add(new cn.yq.aq.target.review.Suspect(str(r, "id"), tagOrField(r, "target"), str(r, "kind"), tagOrField(r, "county"),
                    tagOrField(r, "pollutant"), Instant.parse(str(r, "from")), Instant.parse(str(r, "to")), tagOrField(r, "rule"),
                    evidence == null ? Map.of() : json.readValue(evidence, Map.class), str(r, "description")));
        }
        return out;
    }

    /** The act's time in nanoseconds, later than every earlier act's of this process. */
    private long unique(Instant at) {
        long wanted = at.getEpochSecond() * 1_000_000_000L + at.getNano();
        return lastNanos.accumulateAndGet(wanted, (last, w) -> Math.max(last + 1, w));
    }

    private static String str(Rows.Row r, String column) {
        return r.get(column) instanceof String s ? s : null;
    }

    /** A tag of a SELECT * comes back as a column. */
    private static String tagOrField(Rows.Row r, String name) {
        return r.tag(name) != null ? r.tag(name) : str(r, name);
    }

    private static String emptyAsNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
