package cn.yq.aq.registry;

import java.util.Map;
import java.util.Set;

import cn.yq.aq.standards.Unit;

/**
 * An ambient monitoring station.
 *
 * @param pollutants      the contract fields it measures
 * @param countsForCounty its values count in its county's mean
 * @param countsForCity   its values count in the city's mean
 * @param mn              its HJ 212 device id, or {@code null}
 * @param hj212Units      units its HJ 212 logger sends, where they differ from the contract's
 * @param hj212Codes      which edition of the factor codes its HJ 212 logger sends (2017 unless told)
 */
public record Station(String id, String name, String county, StationType type, double lat, double lon,
                      Set<String> pollutants, boolean countsForCounty, boolean countsForCity, String mn,
                      Map<String, Unit> hj212Units, cn.yq.aq.standards.hj212.FactorCodes.Edition hj212Codes) {

    public Station {
        pollutants = Set.copyOf(pollutants);
        hj212Units = Map.copyOf(hj212Units);
    }
}
