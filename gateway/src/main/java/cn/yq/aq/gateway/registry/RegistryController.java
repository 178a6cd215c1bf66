package cn.yq.aq.gateway.registry;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.yq.aq.registry.Registry;

/** {@code GET /api/v1/stations} and {@code GET /api/v1/sources}: the registry, served by the gateway, which holds it. */
@RestController
class RegistryController {

    private final Registry registry;

    RegistryController(Registry registry) {
        this.registry = registry;
    }

    /** A station as the API shows it. */
    record StationView(String id, String name, String county, String type, double lat, double lon, Set<String> pollutants,
                       boolean countsForCounty, boolean countsForCity) {
    }

    /** A CEMS source as the API shows it. */
    record SourceView(String id, String enterprise, String county, String fuel, double capacityTph, String limitProfile) {
    }

    @GetMapping("/api/v1/stations")
    List<StationView> stations() {
        return registry.stations().stream().map(s -> new StationView(s.id(), s.name(), s.county(), s.type().code(), s.lat(), s.lon(),
                new TreeSet<>(s.pollutants()), s.countsForCounty(), s.countsForCity())).toList();
    }

    @GetMapping("/api/v1/sources")
    List<SourceView> sources() {
        return registry.sources().stream().map(s -> new SourceView(s.id(), s.enterprise(), s.county(),
                s.fuel().name().toLowerCase(java.util.Locale.ROOT), s.capacityTph(), s.limitProfile())).toList();
    }
}
