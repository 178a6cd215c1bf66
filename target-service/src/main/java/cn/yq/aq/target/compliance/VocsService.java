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
import cn.yq.aq.registry.Station;
import cn.yq.aq.registry.StationType;
import cn.yq.aq.target.review.Data;
import cn.yq.aq.standards.emission.NmhcReference;
import cn.yq.aq.target.store.AmbientStore;

/**
 * VOCs control at industrial parks over a period, read from {@code vocs_hourly} (see
 * {@link EmissionsMaterializer}): per park station the valid hours, the hours above the configured
 * NMHC reference ({@code aq.vocs.reference}, unverified [U]) and the largest hourly value.
 */
@Component
public class VocsService {

    /** One park station's NMHC over a period. */
    public record ParkVocs(String station, String name, String county, String reference, String referenceZh, double limit,
                           int validHours, int exceedanceHours, Double max) {
    }

    private final EmissionStore store;
    private final Registry registry;
    private final EmissionsMaterializer emissions;

    public VocsService(EmissionStore store, Registry registry, EmissionsMaterializer emissions) {
        this.store = store;
        this.registry = registry;
        this.emissions = emissions;
    }

    /** The parks' NMHC over {@code from} … {@code to} from reviewed hours ({@code vocs_hourly}) or from the raw readings. */
    public List<ParkVocs> parks(LocalDate from, LocalDate to, String county, Data data) {
        Map<String, Map<String, Object>> byStation = data.raw() ? emissions.rawVocs(from, to) : store.vocsByStation(from, to);
        NmhcReference reference = emissions.reference();
        List<ParkVocs> out = new ArrayList<>();
        for (Station s : registry.stations()) {
            if (s.type() != StationType.INDUSTRIAL_PARK || (county != null && !county.equals(s.county()))) {
                continue;
            }
            Map<String, Object> v = byStation.getOrDefault(s.id(), Map.of());
            out.add(new ParkVocs(s.id(), s.name(), s.county(), reference.id(), reference.descriptionZh(),
                    v.get("reference") instanceof Number l ? l.doubleValue() : reference.hourlyLimit(),
                    v.get("valid") instanceof Number n ? n.intValue() : 0,
                    v.get("exceeding") instanceof Number n ? n.intValue() : 0,
                    v.get("max") instanceof Number m ? BigDecimal.valueOf(m.doubleValue()).setScale(3, RoundingMode.HALF_UP).doubleValue()
                            : null));
        }
        return out;
    }
}
