package cn.yq.aq.target.compliance;

import cn.yq.aq.target.review.ReviewedData;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.influxdb.InfluxDB;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import cn.yq.aq.target.store.EmissionStore;
import cn.yq.aq.registry.Registry;
import cn.yq.aq.registry.Source;
import cn.yq.aq.registry.Station;
import cn.yq.aq.registry.StationType;
import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.standards.emission.EmissionPollutant;
import cn.yq.aq.standards.emission.LimitProfile;
import cn.yq.aq.standards.emission.LimitProfiles;
import cn.yq.aq.standards.emission.NmhcReference;
import cn.yq.aq.support.influx.Rows;
import cn.yq.aq.target.system.TargetProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The one place where boiler and VOCs compliance is computed. From what ingest stored (measured
 * hourly values, {@code PT1H}, with their flags), reviewed (an hour of a value an approved mark took out is
 * left out; O2 taken out leaves the whole hour out), it materialises, per hour:
 * <ul>
 * <li>{@code cems_hourly} (tags source, enterprise, county, fuel, profile): for each pollutant with a
 * limit in the source's limit profile, {@code p_corrected} (the measured value corrected to the
 * <em>profile's</em> reference O2, GB 13271-2014 §5.4 formula (1), by the standards library),
 * {@code p_limit} and {@code p_exceed} (1 when the corrected hourly mean is above the limit); and
 * {@code o2}, {@code reference_o2}. Only hours whose O2 is present, below 21 % and flagged N, and only
 * pollutants whose value is flagged N;</li>
 * <li>{@code vocs_hourly} (tags station, county): at the industrial-park stations, {@code nmhc}
 * (flagged N), {@code reference} (the configured NMHC reference) and {@code exceed}.</li>
 * </ul>
 * The compliance API, alert-service's exceedance monitors and the 锅炉CEMS排放 / VOCs监测 dashboards
 * read these. Points are overwritten in place (readers never see an hour disappear while it is
 * recomputed); an hour whose tags or fields changed (a value now flagged, a new limit profile) or
 * that is no longer valid is deleted first. Run with the AQI for the days it recomputes (scheduled,
 * late data, the recompute endpoint) and on its own every {@code aq.materialization.emissions-every}
 * for today and yesterday.
 */
@Component
public class EmissionsMaterializer {

    private static final Logger log = LoggerFactory.getLogger(EmissionsMaterializer.class);

    static final List<EmissionPollutant> POLLUTANTS = List.of(EmissionPollutant.PM, EmissionPollutant.SO2, EmissionPollutant.NOX);
    private static final List<String> CEMS_TAGS = List.of("source", "enterprise", "county", "fuel", "profile");
    private static final List<String> VOCS_TAGS = List.of("station", "county");

    /** What a run wrote and removed. */
    public record Summary(int cemsHours, int vocsHours, int removed) {
    }

    /** One derived hour of a subject: its tags and fields. */
    record Hour(String subject, long millis, Map<String, String> tags, Map<String, Object> fields) {
    }

    private final EmissionStore store;
    private final InfluxDB influx;
    private final Registry registry;
    private final LimitProfiles profiles = LimitProfiles.builtIn();
    private final NmhcReference reference;
    private final TargetProperties properties;
    private final Clock clock;
    private final Timer timer;
    private final ReviewedData reviewed;

    public EmissionsMaterializer(EmissionStore store, InfluxDB influx, Registry registry, TargetProperties properties, Clock clock,
                                 MeterRegistry meters, ReviewedData reviewed) {
        this.reviewed = reviewed;
        this.store = store;
        this.influx = influx;
        this.registry = registry;
        this.properties = properties;
        this.clock = clock;
        this.reference = NmhcReference.of(properties.vocs().reference(), properties.vocs().hourlyLimit());
        registry.sources().forEach(s -> profiles.get(s.limitProfile())); // an unknown profile stops the start
        this.timer = Timer.builder("aq.target.emissions").description("cems_hourly and vocs_hourly materialisation runs")
                .register(meters);
    }

    /** The NMHC reference in force (configuration). */
    public NmhcReference reference() {
        return reference;
    }

    /** The limit profile of a source. */
    public LimitProfile profile(Source s) {
        return profiles.get(s.limitProfile());
    }

    /** Today and yesterday (Asia/Shanghai), often: the exceedance alerts read what this writes. */
    @Scheduled(fixedDelayString = "${aq.materialization.emissions-every:1m}", initialDelayString = "${aq.materialization.initial-delay:PT30S}")
    public void recent() {
        if (!properties.materialization().scheduled()) {
            return;
        }
        LocalDate today = LocalDate.now(clock.withZone(BeijingTime.ZONE));
        try {
            recompute(today.minusDays(1), today);
        } catch (RuntimeException e) {
            log.warn("scheduled cems_hourly/vocs_hourly run failed: {}", e.toString());
        }
    }

    /** Materialises the days {@code from} … {@code to} (inclusive, Asia/Shanghai). */
    public synchronized Summary recompute(LocalDate from, LocalDate to) {
        long t0 = System.nanoTime();
        ReviewedData.Approved approved = reviewed.approved(from, to);
        List<Hour> cems = cems(from, to, approved);
        List<Hour> vocs = vocs(from, to, approved);
        int removed = removeChanged(EmissionStore.Derived.CEMS_HOURLY, CEMS_TAGS, from, to, cems)
                + removeChanged(EmissionStore.Derived.VOCS_HOURLY, VOCS_TAGS, from, to, vocs);
        write("cems_hourly", cems);
        write("vocs_hourly", vocs);
        timer.record(Duration.ofNanos(System.nanoTime() - t0));
        Summary summary = new Summary(cems.size(), vocs.size(), removed);
        log.debug("cems_hourly/vocs_hourly {}…{}: {}", from, to, summary);
        return summary;
    }

    private List<Hour> cems(LocalDate from, LocalDate to, ReviewedData.Approved approved) {
        List<Hour> out = new ArrayList<>();
        cems(store.cemsHours(from, to), approved, out::add);
        return out;
    }

    /**
     * The sources' compliance over the days computed from the raw readings (no mark applied), never stored: the same
     * figures as {@link EmissionStore#complianceBySource} gives from {@code cems_hourly}, a batch of sources at a time.
     */
    public Map<String, Map<String, Object>> rawCompliance(LocalDate from, LocalDate to, List<Source> sources) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        for (int i = 0; i < sources.size(); i += 100) {
            List<String> ids = sources.subList(i, Math.min(sources.size(), i + 100)).stream().map(Source::id).toList();
            cems(store.cemsRawHours(from, to, ids), ReviewedData.Approved.NONE, h -> {
                Map<String, Object> v = out.computeIfAbsent(h.subject(), k -> new HashMap<>());
                for (EmissionPollutant p : POLLUTANTS) {
                    String f = p.field();
                    if (h.fields().get(f + "_corrected") instanceof Double corrected) {
                        count(v, f + "_", corrected, (Long) h.fields().get(f + "_exceed"), (Double) h.fields().get(f + "_limit"));
                    }
                }
            });
        }
        return out;
    }

    /** The park stations' NMHC over the days from the raw readings, never stored: as {@link EmissionStore#vocsByStation}. */
    public Map<String, Map<String, Object>> rawVocs(LocalDate from, LocalDate to) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        for (Hour h : vocs(from, to, ReviewedData.Approved.NONE)) {
            count(out.computeIfAbsent(h.subject(), k -> new HashMap<>()), "", (Double) h.fields().get("nmhc"),
                    (Long) h.fields().get("exceed"), (Double) h.fields().get("reference"));
        }
        return out;
    }

    /** One more hour in {@code prefix}valid, …exceeding, …max and the limit ({@code …limit}, or {@code reference} for NMHC). */
    private static void count(Map<String, Object> v, String prefix, double value, long exceed, double limit) {
        v.merge(prefix + "valid", 1L, (a, b) -> (Long) a + (Long) b);
        v.merge(prefix + "exceeding", exceed, (a, b) -> (Long) a + (Long) b);
        v.merge(prefix + "max", value, (a, b) -> Math.max((Double) a, (Double) b));
        v.put(prefix.isEmpty() ? "reference" : prefix + "limit", limit);
    }

    /** Each row's corrected hour (hours of sources not in the registry, without a valid O2 or marked invalid left out). */
    private void cems(List<Rows.Row> rows, ReviewedData.Approved approved, java.util.function.Consumer<Hour> out) {
        Map<String, Source> sources = new HashMap<>();
        registry.sources().forEach(s -> sources.put(s.id(), s));
        for (Rows.Row row : rows) {
            Source s = sources.get(row.tag("source"));
            Double o2 = valid(row, "o2");
            java.time.Instant hour = java.time.Instant.ofEpochMilli(time(row));
            if (s == null || o2 == null || o2 >= 21 || approved.invalid(s.id(), hour, "o2")) {
                continue; // not (or no longer) in the registry; an hour without a valid O2 cannot be corrected
            }
            LimitProfile profile = profiles.get(s.limitProfile());
            Map<String, Object> fields = new LinkedHashMap<>();
            for (EmissionPollutant p : POLLUTANTS) {
                Double measured = valid(row, p.field());
                if (measured == null || profile.limit(p).isEmpty() || approved.invalid(s.id(), hour, p.field())) {
                    continue;
                }
                double corrected = profile.corrected(measured, o2);
                double limit = profile.limit(p).getAsDouble();
                fields.put(p.field() + "_corrected", corrected);
                fields.put(p.field() + "_limit", limit);
                fields.put(p.field() + "_exceed", corrected > limit ? 1L : 0L);
            }
            if (fields.isEmpty()) {
                continue;
            }
            fields.put("o2", o2);
            fields.put("reference_o2", profile.referenceO2());
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("source", s.id());
            tags.put("enterprise", s.enterprise());
            tags.put("county", s.county());
            tags.put("fuel", s.fuel().name().toLowerCase(Locale.ROOT));
            tags.put("profile", profile.id());
            out.accept(new Hour(s.id(), time(row), tags, fields));
        }
    }

    private List<Hour> vocs(LocalDate from, LocalDate to, ReviewedData.Approved approved) {
        Map<String, Station> parks = new HashMap<>();
        registry.stations().stream().filter(s -> s.type() == StationType.INDUSTRIAL_PARK).forEach(s -> parks.put(s.id(), s));
        if (parks.isEmpty()) {
            return List.of();
        }
        List<Hour> out = new ArrayList<>();
        for (Rows.Row row : store.nmhcHours(from, to)) {
            Station s = parks.get(row.tag("station"));
            Double nmhc = valid(row, "nmhc");
            if (s == null || nmhc == null || approved.invalid(s.id(), java.time.Instant.ofEpochMilli(time(row)), "nmhc")) {
                continue;
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("nmhc", nmhc);
            fields.put("reference", reference.hourlyLimit());
            fields.put("exceed", reference.exceeded(nmhc) ? 1L : 0L);
            out.add(new Hour(s.id(), time(row), Map.of("station", s.id(), "county", s.county()), fields));
        }
        return out;
    }

    /**
     * Deletes the derived hours of the range that the new computation does not reproduce with the
     * same tags and the same fields; the others are overwritten in place by the write.
     */
    private int removeChanged(EmissionStore.Derived measurement, List<String> tagKeys, LocalDate from, LocalDate to,
                              List<Hour> fresh) {
        Map<String, Map<Long, String>> expected = new HashMap<>();
        for (Hour h : fresh) {
            expected.computeIfAbsent(h.subject(), k -> new HashMap<>()).put(h.millis(), signature(h.tags(), h.fields().keySet()));
        }
        Map<String, List<Long>> deletes = new HashMap<>();
        int removed = 0;
        for (Rows.Row row : store.derivedHours(measurement, from, to)) {
            TreeSet<String> fields = new TreeSet<>();
            row.values().forEach((k, v) -> {
                if (v != null && !"time".equals(k) && !tagKeys.contains(k)) {
                    fields.add(k);
                }
            });
            Map<String, String> tags = new TreeMap<>();
            tagKeys.forEach(k -> tags.put(k, row.tag(k)));
            String subject = row.tag(measurement.subjectTag());
            long millis = time(row);
            String now = expected.getOrDefault(subject, Map.of()).get(millis);
            if (!signature(tags, fields).equals(now)) {
                deletes.computeIfAbsent(subject, k -> new ArrayList<>()).add(millis);
                removed++;
            }
        }
        deletes.forEach((subject, hours) -> hours.forEach(millis -> store.deleteHour(measurement, subject, millis)));
        if (removed > 0) {
            log.info("{}: {} derived hours changed or became invalid and were removed", measurement.measurement(), removed);
        }
        return removed;
    }

    private static String signature(Map<String, String> tags, java.util.Collection<String> fields) {
        return new TreeMap<>(tags) + " " + new TreeSet<>(fields);
    }

    private void write(String measurement, List<Hour> hours) {
        for (int i = 0; i < hours.size(); i += 5000) {
            BatchPoints.Builder batch = BatchPoints.database(properties.influx().database())
                    .retentionPolicy(properties.influx().retentionPolicy()).precision(TimeUnit.MILLISECONDS);
            for (Hour h : hours.subList(i, Math.min(hours.size(), i + 5000))) {
                Point.Builder b = Point.measurement(measurement).time(h.millis(), TimeUnit.MILLISECONDS).tag(h.tags());
                h.fields().forEach((k, v) -> {
                    if (v instanceof Long l) {
                        b.addField(k, l);
                    } else {
                        b.addField(k, ((Number) v).doubleValue());
                    }
                });
                batch.point(b.build());
            }
            influx.write(batch.build());
        }
    }

    private static long time(Rows.Row row) {
        return ((Number) Objects.requireNonNull(row.get("time"), "time")).longValue();
    }

    /** A field's value when present and flagged N (no flag field). */
    private static Double valid(Rows.Row row, String field) {
        return row.get(field) instanceof Number n && row.get(field + "_flag") == null ? n.doubleValue() : null;
    }
}
