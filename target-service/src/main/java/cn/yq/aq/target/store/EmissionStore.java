package cn.yq.aq.target.store;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import cn.yq.aq.support.influx.Rows;

/**
 * What the emission figures read and remove: the CEMS hours and the parks' NMHC hours ingest stored, and the
 * derived {@code cems_hourly} and {@code vocs_hourly}. The measurements, fields and tag keys named here are ours;
 * ids and times are bound.
 */
@Component
public class EmissionStore {

    private final InfluxQl influx;

    EmissionStore(InfluxQl influx) {
        this.influx = influx;
    }

    /** The hourly CEMS readings (values and flags of pm, so2, nox, o2), grouped by source. */
    public List<Rows.Row> cemsHours(LocalDate from, LocalDate to) {
        return influx.select("SELECT pm, pm_flag, so2, so2_flag, nox, nox_flag, o2, o2_flag FROM cems WHERE \"interval\" = $interval AND "
                + InfluxQl.IN_DAYS + " GROUP BY source", AqiStore.with(InfluxQl.days(from, to), "interval", "PT1H"));
    }

    /** The raw hourly CEMS readings of the given sources (values and flags, flow included), for the pre-review. */
    public List<Rows.Row> cemsRawHours(LocalDate from, LocalDate to, java.util.Collection<String> sources) {
        if (sources.isEmpty()) {
            return List.of();
        }
        Map<String, Object> values = new java.util.HashMap<>(AqiStore.with(InfluxQl.days(from, to), "interval", "PT1H"));
        StringBuilder only = new StringBuilder(" AND (");
        int i = 0;
        for (String id : sources) {
            only.append(i == 0 ? "" : " OR ").append("source = $s").append(i);
            values.put("s" + i++, id);
        }
        return influx.select("SELECT pm, pm_flag, so2, so2_flag, nox, nox_flag, o2, o2_flag, flow, flow_flag FROM cems WHERE "
                + "\"interval\" = $interval AND " + InfluxQl.IN_DAYS + only + ") GROUP BY source", values);
    }

    /** The hourly NMHC readings (value and flag), grouped by station. */
    public List<Rows.Row> nmhcHours(LocalDate from, LocalDate to) {
        return influx.select("SELECT nmhc, nmhc_flag FROM ambient WHERE \"interval\" = $interval AND " + InfluxQl.IN_DAYS
                + " GROUP BY station", AqiStore.with(InfluxQl.days(from, to), "interval", "PT1H"));
    }

    /** Every derived hour of {@code measurement} ({@code cems_hourly} or {@code vocs_hourly}), with all its tags. */
    public List<Rows.Row> derivedHours(Derived measurement, LocalDate from, LocalDate to) {
        return influx.select("SELECT * FROM " + measurement.measurement + " WHERE " + InfluxQl.IN_DAYS + " GROUP BY *",
                InfluxQl.days(from, to));
    }

    /** Removes one derived hour of one source or station. */
    public void deleteHour(Derived measurement, String subject, long millis) {
        influx.execute("DELETE FROM " + measurement.measurement + " WHERE \"" + measurement.subjectTag
                + "\" = $subject AND time = $time", Map.of("subject", subject, "time", millis * 1_000_000L));
    }

    /**
     * Per source over the days, for each pollutant field {@code p}: {@code p_valid} (hours), {@code p_exceeding}
     * (hours over the limit), {@code p_max} (the largest corrected value), {@code p_limit} (the limit applied).
     */
    public Map<String, Map<String, Object>> complianceBySource(List<String> fields, LocalDate from, LocalDate to) {
        StringBuilder select = new StringBuilder();
        for (String f : fields) {
            select.append(select.isEmpty() ? "" : ", ").append("count(").append(f).append("_corrected) AS ").append(f)
                    .append("_valid, sum(").append(f).append("_exceed) AS ").append(f).append("_exceeding, max(").append(f)
                    .append("_corrected) AS ").append(f).append("_max, last(").append(f).append("_limit) AS ").append(f)
                    .append("_limit");
        }
        return byTag("source", influx.select("SELECT " + select + " FROM cems_hourly WHERE " + InfluxQl.IN_DAYS
                + " GROUP BY source", InfluxQl.days(from, to)));
    }

    /** Per park station over the days: {@code valid}, {@code exceeding} (hours), {@code max}, {@code reference}. */
    public Map<String, Map<String, Object>> vocsByStation(LocalDate from, LocalDate to) {
        return byTag("station", influx.select("SELECT count(nmhc) AS valid, sum(exceed) AS exceeding, max(nmhc) AS max,"
                + " last(reference) AS reference FROM vocs_hourly WHERE " + InfluxQl.IN_DAYS + " GROUP BY station",
                InfluxQl.days(from, to)));
    }

    private static Map<String, Map<String, Object>> byTag(String tag, List<Rows.Row> rows) {
        Map<String, Map<String, Object>> out = new java.util.HashMap<>();
        rows.forEach(row -> out.put(row.tag(tag), row.values()));
        return out;
    }

    /** The derived measurements and the tag that names their subject. */
    public enum Derived {
        CEMS_HOURLY("cems_hourly", "source"), VOCS_HOURLY("vocs_hourly", "station");

        final String measurement;
        final String subjectTag;

        Derived(String measurement, String subjectTag) {
            this.measurement = measurement;
            this.subjectTag = subjectTag;
        }

        public String measurement() {
            return measurement;
        }

        public String subjectTag() {
            return subjectTag;
        }
    }
}
