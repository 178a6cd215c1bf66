package cn.yq.aq.target.compliance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import cn.yq.aq.target.store.EmissionStore;
import cn.yq.aq.registry.Registry;
import cn.yq.aq.registry.Source;
import cn.yq.aq.target.review.Data;
import cn.yq.aq.standards.emission.EmissionPollutant;
import cn.yq.aq.standards.emission.LimitProfile;
import cn.yq.aq.target.store.AmbientStore;

/**
 * CEMS compliance over a period, read from {@code cems_hourly} (see {@link EmissionsMaterializer},
 * where each hour is corrected and compared once): per source and pollutant the valid hours, the
 * exceedance hours, the largest corrected hourly mean and the limit applied.
 */
@Component
public class ComplianceService {

    private final EmissionStore store;
    private final Registry registry;
    private final EmissionsMaterializer emissions;

    public ComplianceService(EmissionStore store, Registry registry, EmissionsMaterializer emissions) {
        this.store = store;
        this.registry = registry;
        this.emissions = emissions;
    }

    /**
     * Every source's compliance over {@code from} … {@code to} from reviewed hours ({@code cems_hourly}) or from the raw
     * readings; {@code county} (optional) narrows it.
     */
    public List<SourceCompliance> compliance(LocalDate from, LocalDate to, String county, Data data) {
        Map<String, Map<String, Object>> bySource = data.raw()
                ? emissions.rawCompliance(from, to, registry.sources().stream().filter(s -> county == null || county.equals(s.county())).toList())
                : store.complianceBySource(EmissionsMaterializer.POLLUTANTS.stream().map(EmissionPollutant::field).toList(), from, to);
        List<SourceCompliance> out = new ArrayList<>();
        for (Source s : registry.sources()) {
            if (county != null && !county.equals(s.county())) {
                continue;
            }
            LimitProfile profile = emissions.profile(s);
            Map<String, Object> v = bySource.getOrDefault(s.id(), Map.of());
            List<SourceCompliance.PollutantCompliance> pollutants = new ArrayList<>();
            int total = 0;
            for (EmissionPollutant p : EmissionsMaterializer.POLLUTANTS) {
                if (profile.limit(p).isEmpty()) {
                    continue;
                }
                String f = p.field();
                int exceeding = v.get(f + "_exceeding") instanceof Number n ? n.intValue() : 0;
                total += exceeding;
                pollutants.add(new SourceCompliance.PollutantCompliance(f, v.get(f + "_valid") instanceof Number n ? n.intValue() : 0,
                        exceeding, v.get(f + "_max") instanceof Number m
                                ? BigDecimal.valueOf(m.doubleValue()).setScale(2, RoundingMode.HALF_UP).doubleValue() : null,
                        v.get(f + "_limit") instanceof Number l ? l.doubleValue() : profile.limit(p).getAsDouble()));
            }
            out.add(new SourceCompliance(s.id(), s.enterprise(), s.county(), s.fuel().name().toLowerCase(java.util.Locale.ROOT),
                    profile.id(), profile.descriptionZh(), profile.referenceO2(), pollutants, total));
        }
        return out;
    }
}
