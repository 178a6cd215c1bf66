package cn.yq.aq.gateway.auth;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

import cn.yq.aq.registry.Registry;
import cn.yq.aq.registry.Station;
import cn.yq.aq.support.security.Principal;
import cn.yq.aq.support.security.Principal.Role;

/**
 * Who may do what, decided at the door. The bureau: everything. A county: reads (its own county's
 * data and alerts, the city's, the published rankings and indices), acknowledging its alerts; a
 * {@code county=} or {@code station=} parameter naming another county is refused, and the
 * compliance list is narrowed to its own county. A station: only {@code POST /api/v1/readings}
 * (ingest checks that the readings are its own).
 */
@Component
public class AccessPolicy {

    /** The outcome: allowed (with query parameters to add), or refused with the reason. */
    public record Decision(boolean allowed, String reason, Map<String, String> addQuery) {

        static Decision allow() {
            return new Decision(true, null, Map.of());
        }

        static Decision allow(Map<String, String> addQuery) {
            return new Decision(true, null, addQuery);
        }

        static Decision deny(String reason) {
            return new Decision(false, reason, Map.of());
        }
    }

    private final Registry registry;

    public AccessPolicy(Registry registry) {
        this.registry = registry;
    }

    public Decision decide(Principal who, HttpMethod method, String path, MultiValueMap<String, String> query) {
        if (who.role() == Role.BUREAU) {
            return Decision.allow();
        }
        boolean get = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
        if (path.equals("/api/v1/readings")) {
            return who.role() == Role.STATION && HttpMethod.POST.equals(method) ? Decision.allow()
                    : Decision.deny("only stations and the bureau post readings");
        }
        if (who.role() == Role.STATION) {
            return Decision.deny("a station may only post its own readings");
        }
        // a county from here on
        String own = who.county();
        if (path.startsWith("/api/v1/admin/") || path.equals("/api/v1/forecasts")) {
            return Decision.deny("only the bureau may do this");
        }
        if (path.matches("/api/v1/alerts/[^/]+/ack")) {
            return HttpMethod.POST.equals(method) ? Decision.allow() : Decision.deny("acknowledge with POST");
        }
        if (!get) {
            return Decision.deny("a county reads; only the bureau changes data");
        }
        if (path.startsWith("/api/v1/subscriptions/")) {
            return path.equals("/api/v1/subscriptions/" + own) ? Decision.allow()
                    : Decision.deny("a county reads only its own subscription");
        }
        String scopeProblem = scope(own, query);
        if (scopeProblem != null) {
            return Decision.deny(scopeProblem);
        }
        if (path.equals("/api/v1/sources/compliance") && query.getFirst("county") == null) {
            return Decision.allow(Map.of("county", own)); // its own enterprises only
        }
        return Decision.allow();
    }

    /** A county's request may name only its own county and its own stations. */
    private String scope(String own, MultiValueMap<String, String> query) {
        for (String county : query.getOrDefault("county", List.of())) {
            if (!own.equals(county)) {
                return "a county reads only its own data (county=" + own + ")";
            }
        }
        for (String station : query.getOrDefault("station", List.of())) {
            String of = registry.station(station).map(Station::county)
                    .or(() -> registry.source(station).map(s -> s.county())).orElse(null);
            if (!own.equals(of)) {
                return "a county reads only its own stations";
            }
        }
        return null;
    }
}
