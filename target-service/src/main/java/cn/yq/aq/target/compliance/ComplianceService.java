package cn.yq.aq.target.compliance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.springframework.stereotype.Component;

import cn.yq.aq.registry.Registry;
import cn.yq.aq.registry.Source;
import cn.yq.aq.standards.emission.EmissionPollutant;
import cn.yq.aq.standards.emission.LimitProfile;
import cn.yq.aq.standards.emission.LimitProfiles;
import cn.yq.aq.target.store.AmbientStore;
import cn.yq.aq.support.influx.Rows;
import cn.yq.aq.target.system.TargetProperties;

/**
 * CEMS compliance (GB 13271-2014 and the ultra-low / low-NOx profiles; DB14/1929-2019 §6.2 practice):
 * each hourly mean ({@code PT1H}) measured value is corrected to the reference O2 of the source's
 * limit profile (GB 13271-2014 §5.4 formula (1)); an hour counts when the value and the O2 are
 * present and flagged N; a corrected hourly mean above the limit is an exceedance hour.
 */
@Component
public class ComplianceService {

    static final List<EmissionPollutant> POLLUTANTS = List.of(EmissionPollutant.PM, EmissionPollutant.SO2, EmissionPollutant.NOX);

    private final InfluxDB influx;
    private final Registry registry;
    private final LimitProfiles profiles;
    private final String database;

    public ComplianceService(InfluxDB influx, Registry registry, TargetProperties properties) {
        this.influx = influx;
        this.registry = registry;
        this.profiles = LimitProfiles.builtIn();
        this.database = properties.influx().database();
    }

    /** Every source's compliance over {@code from} … {@code to}; {@code county} (optional) narrows it. */
    public List<SourceCompliance> compliance(LocalDate from, LocalDate to, String county) {
        String q = "SELECT pm, pm_flag, so2, so2_flag, nox, nox_flag, o2, o2_flag FROM cems WHERE \"interval\" = 'PT1H'"
                + " AND time >= '" + from.atStartOfDay(AmbientStore.CHINA).toInstant() + "' AND time < '"
                + to.plusDays(1).atStartOfDay(AmbientStore.CHINA).toInstant() + "' GROUP BY source";
        QueryResult result = influx.query(new Query(q, database), TimeUnit.MILLISECONDS);
        Map<String, List<Map<String, Object>>> rows = new HashMap<>();
        for (Rows.Row row : Rows.of(result)) {
            rows.computeIfAbsent(row.tag("source"), k -> new ArrayList<>()).add(row.values());
        }
        List<SourceCompliance> out = new ArrayList<>();
        for (Source s : registry.sources()) {
            if (county != null && !county.equals(s.county())) {
                continue;
            }
            LimitProfile profile = profiles.get(s.limitProfile());
            List<SourceCompliance.PollutantCompliance> pollutants = new ArrayList<>();
            int total = 0;
            for (EmissionPollutant p : POLLUTANTS) {
                if (profile.limit(p).isEmpty()) {
                    continue;
                }
                double limit = profile.limit(p).getAsDouble();
                int valid = 0;
                int exceeding = 0;
                Double max = null;
                for (Map<String, Object> v : rows.getOrDefault(s.id(), List.of())) {
                    if (v.get(p.field()) instanceof Number measured && v.get("o2") instanceof Number o2
                            && v.get(p.field() + "_flag") == null && v.get("o2_flag") == null && o2.doubleValue() < 21) {
                        double corrected = profile.corrected(measured.doubleValue(), o2.doubleValue());
                        valid++;
                        if (corrected > limit) {
                            exceeding++;
                        }
                        max = max == null ? corrected : Math.max(max, corrected);
                    }
                }
                total += exceeding;
                pollutants.add(new SourceCompliance.PollutantCompliance(p.field(), valid, exceeding,
                        max == null ? null : BigDecimal.valueOf(max).setScale(2, RoundingMode.HALF_UP).doubleValue(), limit));
            }
            out.add(new SourceCompliance(s.id(), s.enterprise(), s.county(), s.fuel().name().toLowerCase(java.util.Locale.ROOT),
                    profile.id(), profile.descriptionZh(), profile.referenceO2(), pollutants, total));
        }
        return out;
    }
}
