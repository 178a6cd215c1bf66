package cn.yq.aq.support.influx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.influxdb.dto.QueryResult;

/** The rows of an InfluxQL answer, each with its series' tags and its column → value map. */
public final class Rows {

    /** One row: the tags of its series (GROUP BY) and its values by column, {@code time} included. */
    public record Row(Map<String, String> tags, Map<String, Object> values) {

        public Object get(String column) {
            return values.get(column);
        }

        public String tag(String key) {
            return tags.get(key);
        }
    }

    private Rows() {
    }

    /**
     * Every series of the answer, in order.
     *
     * @throws IllegalStateException if InfluxDB answered with an error
     */
    public static List<QueryResult.Series> series(QueryResult result) {
        if (result.hasError()) {
            throw new IllegalStateException("InfluxDB: " + result.getError());
        }
        List<QueryResult.Series> out = new ArrayList<>();
        for (QueryResult.Result r : result.getResults()) {
            if (r.hasError()) {
                throw new IllegalStateException("InfluxDB: " + r.getError());
            }
            if (r.getSeries() != null) {
                out.addAll(r.getSeries());
            }
        }
        return out;
    }

    /** Every row of the answer with its series' tags. @throws IllegalStateException if InfluxDB answered with an error */
    public static List<Row> of(QueryResult result) {
        List<Row> rows = new ArrayList<>();
        for (QueryResult.Series s : series(result)) {
            Map<String, String> tags = s.getTags() == null ? Map.of() : s.getTags();
            for (List<Object> values : s.getValues()) {
                Map<String, Object> v = new LinkedHashMap<>();
                for (int i = 0; i < s.getColumns().size(); i++) {
                    v.put(s.getColumns().get(i), values.get(i));
                }
                rows.add(new Row(tags, v));
            }
        }
        return rows;
    }
}
