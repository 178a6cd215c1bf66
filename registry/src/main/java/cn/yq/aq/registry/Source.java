package cn.yq.aq.registry;

import java.time.Duration;
import java.util.Map;

import cn.yq.aq.standards.Unit;
import cn.yq.aq.standards.emission.Fuel;

/**
 * A flue-gas emission source (a boiler with CEMS).
 *
 * @param capacityTph    capacity in t/h
 * @param limitProfile   the emission limit profile's id (standards' {@code LimitProfiles})
 * @param minuteInterval its logger's HJ 212 minute-data interval (CN 2051)
 * @param hj212Units     units its HJ 212 logger sends, where they differ from the contract's
 * @param hj212Codes     which edition of the factor codes its HJ 212 logger sends (2017 unless told; 2005 for older CEMS)
 */
public record Source(String id, String enterprise, String county, Fuel fuel, double capacityTph, String limitProfile,
                     String mn, Duration minuteInterval, Map<String, Unit> hj212Units,
                     cn.yq.aq.standards.hj212.FactorCodes.Edition hj212Codes) {

    public Source {
        hj212Units = Map.copyOf(hj212Units);
    }
}
