package cn.yq.aq.target.compliance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import cn.yq.aq.registry.Registry;
import cn.yq.aq.registry.Station;
import cn.yq.aq.registry.StationType;
import cn.yq.aq.standards.emission.NmhcReference;
import cn.yq.aq.target.store.AmbientStore;
import cn.yq.aq.support.influx.Rows;
import cn.yq.aq.target.system.TargetProperties;

/**
 * VOCs control at industrial parks: hourly NMHC ({@code PT1H}, flag N) at the industrial-park
 * stations against the configured reference ({@code aq.vocs.reference}: DB13/1577—2012 Grade II
 * 2.0 mg/m³ by default; all NMHC references are unverified [U], hence configuration).
 */
@Component
public class VocsService {

    /** One park station's NMHC over a period. */
    public record ParkVocs(String station, String name, String county, String reference, String referenceZh, double limit,
                           int validHours, int exceedanceHours, Double max) {
    }

    private final InfluxDB influx;
    private final Registry registry;
    private final NmhcReference reference;
    private final String database;

    public VocsService(InfluxDB influx, Registry registry, TargetProperties properties,
                       @Value("${aq.vocs.reference:db13-1577-ii}") String referenceId,
                       @Value("${aq.vocs.hourly-limit:}") Double hourlyLimit) {
        this.influx = influx;
        this.registry = registry;
        this.database = properties.influx().database();
        NmhcReference base = List.of(NmhcReference.AMBIENT_DB13_1577_GRADE_II, NmhcReference.AMBIENT_DB13_1577_GRADE_I,
                        NmhcReference.FUGITIVE_GB37822, NmhcReference.FUGITIVE_GB37822_SPECIAL).stream()
                .filter(r -> r.id().equals(referenceId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("aq.vocs.reference: unknown NMHC reference " + referenceId));
        this.reference = hourlyLimit == null ? base : new NmhcReference(base.id(), base.descriptionZh() + "（本地限值）", hourlyLimit);
    }

    public List<ParkVocs> parks(LocalDate from, LocalDate to, String county) {
        List<ParkVocs> out = new ArrayList<>();
        for (Station s : registry.stations()) {
            if (s.type() != StationType.INDUSTRIAL_PARK || (county != null && !county.equals(s.county()))) {
                continue;
            }
            // the station id comes from the registry (a safe id), the times are ours
            String q = "SELECT nmhc, nmhc_flag FROM ambient WHERE station = '" + s.id() + "' AND \"interval\" = 'PT1H'"
                    + " AND time >= '" + from.atStartOfDay(AmbientStore.CHINA).toInstant() + "' AND time < '"
                    + to.plusDays(1).atStartOfDay(AmbientStore.CHINA).toInstant() + "'";
            QueryResult result = influx.query(new Query(q, database), TimeUnit.MILLISECONDS);
            int valid = 0;
            int exceeding = 0;
            Double max = null;
            for (Rows.Row row : Rows.of(result)) {
                if (row.get("nmhc") instanceof Number n && row.get("nmhc_flag") == null) {
                    valid++;
                    if (reference.exceeded(n.doubleValue())) {
                        exceeding++;
                    }
                    max = max == null ? n.doubleValue() : Math.max(max, n.doubleValue());
                }
            }
            out.add(new ParkVocs(s.id(), s.name(), s.county(), reference.id(), reference.descriptionZh(), reference.hourlyLimit(),
                    valid, exceeding, max == null ? null : BigDecimal.valueOf(max).setScale(3, RoundingMode.HALF_UP).doubleValue()));
        }
        return out;
    }

}
