package cn.yq.aq.target.store;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.influxdb.InfluxDB;
import org.influxdb.dto.BoundParameterQuery;
import org.influxdb.dto.QueryResult;
import org.springframework.stereotype.Component;

import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.support.influx.Rows;
import cn.yq.aq.target.system.TargetProperties;

/**
 * How the repositories of this package ask InfluxDB: the statement is ours (measurements, fields, tag keys), every
 * value in it is a bound parameter ({@code $name}), times included; rows come back with times in epoch
 * milliseconds. The InfluxDB 1.x client blocks: callers run on a bounded scheduler or a worker, never an event loop.
 */
@Component
class InfluxQl {

    /** The condition of a range of natural days, bound as {@code $from} and {@code $to} ({@link #days}). */
    static final String IN_DAYS = "time >= $from AND time < $to";

    private final InfluxDB influx;
    private final String database;

    InfluxQl(InfluxDB influx, TargetProperties properties) {
        this.influx = influx;
        this.database = properties.influx().database();
    }

    /** The days {@code from} … {@code to} (inclusive, Asia/Shanghai) as the bound values of {@link #IN_DAYS}. */
    static Map<String, Object> days(LocalDate from, LocalDate to) {
        return Map.of("from", from.atStartOfDay(BeijingTime.ZONE).toInstant().toString(),
                "to", to.plusDays(1).atStartOfDay(BeijingTime.ZONE).toInstant().toString());
    }

    /** The rows of a SELECT. @throws IllegalStateException if InfluxDB answered with an error */
    List<Rows.Row> select(String statement, Map<String, Object> values) {
        return Rows.of(influx.query(query(statement, values), TimeUnit.MILLISECONDS));
    }

    /** The series of a SELECT, for readers that take columns by position (large answers). */
    List<QueryResult.Series> series(String statement, Map<String, Object> values) {
        return Rows.series(influx.query(query(statement, values), TimeUnit.MILLISECONDS));
    }

    /** A statement without rows (DELETE). @throws IllegalStateException if InfluxDB answered with an error */
    void execute(String statement, Map<String, Object> values) {
        QueryResult result = influx.query(query(statement, values));
        if (result.hasError()) {
            throw new IllegalStateException(statement + ": " + result.getError());
        }
        Rows.series(result); // errors of the statement itself
    }

    private BoundParameterQuery query(String statement, Map<String, Object> values) {
        BoundParameterQuery.QueryBuilder q = BoundParameterQuery.QueryBuilder.newQuery(statement).forDatabase(database);
        values.forEach(q::bind);
        return q.create();
    }
}
