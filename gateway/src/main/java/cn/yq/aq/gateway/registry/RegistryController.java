package cn.yq.aq.gateway.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.yq.aq.registry.Registry;
import cn.yq.aq.registry.Source;
import cn.yq.aq.registry.Station;

/** {@code GET /api/v1/stations} and {@code GET /api/v1/sources}: the registry, served by the gateway, which holds it. */
@RestController
class RegistryController {

    private final Registry registry;

    RegistryController(Registry registry) {
        this.registry = registry;
    }

    @GetMapping("/api/v1/stations")
    List<Map<String, Object>> stations() {
        return registry.stations().stream().map(RegistryController::station).toList();
    }

    @GetMapping("/api/v1/sources")
    List<Map<String, Object>> sources() {
        return registry.sources().stream().map(RegistryController::source).toList();
    }

    private static Map<String, Object> station(Station s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("name", s.name());
        m.put("county", s.county());
        m.put("type", s.type().code());
        m.put("lat", s.lat());
        m.put("lon", s.lon());
        m.put("pollutants", new TreeSet<>(s.pollutants()));
        m.put("countsForCounty", s.countsForCounty());
        m.put("countsForCity", s.countsForCity());
        return m;
    }

    private static Map<String, Object> source(Source s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("enterprise", s.enterprise());
        m.put("county", s.county());
        m.put("fuel", s.fuel().name().toLowerCase(java.util.Locale.ROOT));
        m.put("capacityTph", s.capacityTph());
        m.put("limitProfile", s.limitProfile());
        return m;
    }
}
