package cn.yq.aq.gateway.access;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpMethod;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import cn.yq.aq.registry.Registry;
import cn.yq.aq.support.security.Principal;
import cn.yq.aq.support.security.Principal.Role;

/**
 * Every operation the gateway lets through, in one table: its method and path, who may call it, what
 * a county's call must satisfy beyond its role, and the route that carries it to a service. The
 * authorization ({@link AccessPolicy}) and the gateway's routes ({@code routing.Routes}) are both
 * built from {@link #RULES}: an endpoint's path is written once. Whatever no rule names is refused.
 */
public final class AccessRules {

    private AccessRules() {
    }

    /**
     * Where a rule's requests go: a route of the gateway (to a service) or {@link #LOCAL} (served by the
     * gateway itself: health, metrics, the registry).
     *
     * @param id       the route id (the {@code routeId} tag of the gateway's request metrics)
     * @param service  ingest, target, alert or disclosure ({@code aq.gateway.services.*})
     * @param kind     what the route does on the way
     */
    public enum Route {
        LOCAL(null, null, Kind.LOCAL),
        INGEST("ingest", "ingest", Kind.API),
        ALERT_STREAM("alert-stream", "alert", Kind.API),
        ALERT("alert", "alert", Kind.API_RETRIED),
        TARGET("target", "target", Kind.API_RETRIED),
        INGEST_DOCS("ingest-docs", "ingest", Kind.DOCS),
        TARGET_DOCS("target-docs", "target", Kind.DOCS),
        ALERT_DOCS("alert-docs", "alert", Kind.DOCS),
        /** The public disclosure: no token, rate limited per client address, nothing but GETs. */
        PUBLIC("public", "disclosure", Kind.API_RETRIED);

        /**
         * API: behind the service's circuit breaker; API_RETRIED: also idempotent GETs retried on
         * 502/503/504 (never a POST/PUT, nor the endless SSE stream); DOCS: the service's
         * {@code /v3/api-docs}.
         */
        public enum Kind { LOCAL, API, API_RETRIED, DOCS }

        private final String id;
        private final String service;
        private final Kind kind;

        Route(String id, String service, Kind kind) {
            this.id = id;
            this.service = service;
            this.kind = kind;
        }

        public String id() {
            return id;
        }

        public String service() {
            return service;
        }

        public Kind kind() {
            return kind;
        }
    }

    /** What a county's request must satisfy beyond its role: {@code null} when it is fine. */
    @FunctionalInterface
    public interface Scope {
        AccessPolicy.Decision check(Principal who, Map<String, String> variables, MultiValueMap<String, String> query,
                                    Registry registry);
    }

    /**
     * One allowed operation.
     *
     * @param method  the method (HEAD is served wherever GET is)
     * @param pattern the path, a Spring path pattern ({@code {name:regex}} captures a variable); also
     *                the route's path predicate
     * @param roles   who may; empty for the public health probes
     * @param scope   the county check, for rules open to counties
     * @param route   where it goes
     */
    public record Rule(HttpMethod method, String pattern, Set<Role> roles, Scope scope, Route route) {

        public boolean isPublic() {
            return roles.isEmpty();
        }

        PathPattern path() {
            return PARSER.parse(pattern);
        }
    }

    static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

    private static final Set<Role> PUBLIC = Set.of();
    private static final Set<Role> BUREAU = EnumSet.of(Role.BUREAU);
    private static final Set<Role> READERS = EnumSet.of(Role.BUREAU, Role.COUNTY);
    private static final Set<Role> ANYONE = EnumSet.of(Role.BUREAU, Role.COUNTY, Role.REVIEWER, Role.STATION);
    /** Who reads the data a reviewer looks at: the bureau, a county (its own), a reviewer (its county, or all). */
    private static final Set<Role> DATA_READERS = EnumSet.of(Role.BUREAU, Role.COUNTY, Role.REVIEWER);

    private static final Scope NONE = (who, v, q, r) -> null;
    /** {@code county=}, {@code station=} and {@code target=} name only the county's own. */
    private static final Scope QUERY = (who, v, q, r) -> AccessPolicy.ownQuery(who, q, r);
    private static final Scope OWN_SUBSCRIPTION = (who, v, q, r) -> who.county().equals(v.get("county")) ? null
            : AccessPolicy.Decision.deny("a county reads only its own subscription");
    /** Without {@code county=}, a county's compliance list is narrowed to its own enterprises. */
    private static final Scope COMPLIANCE = (who, v, q, r) -> {
        AccessPolicy.Decision d = AccessPolicy.ownQuery(who, q, r);
        return d == null && q.getFirst("county") == null ? AccessPolicy.Decision.allow(Map.of("county", who.county())) : d;
    };

    private static final String COUNTY = "{county:[a-z0-9][a-z0-9-]*}";
    private static final String PERIOD = "{period:\\d\\d\\d\\d-\\d\\d(?:-ytd)?}";
    private static final String MONTH = "{month:\\d\\d\\d\\d-\\d\\d}";

    /** Every operation the gateway lets through; nothing else is. */
    public static final List<Rule> RULES = List.of(
            rule("GET", "/actuator/health", PUBLIC, NONE, Route.LOCAL),
            rule("GET", "/actuator/health/{probe:liveness|readiness}", PUBLIC, NONE, Route.LOCAL),
            rule("GET", "/actuator/{endpoint:prometheus|info|metrics}", BUREAU, NONE, Route.LOCAL),
            rule("GET", "/actuator/metrics/{name:[A-Za-z0-9._-]+}", BUREAU, NONE, Route.LOCAL),
            rule("GET", "/v3/api-docs/ingest-service", ANYONE, NONE, Route.INGEST_DOCS),
            rule("GET", "/v3/api-docs/target-service", ANYONE, NONE, Route.TARGET_DOCS),
            rule("GET", "/v3/api-docs/alert-service", ANYONE, NONE, Route.ALERT_DOCS),
            rule("POST", "/api/v1/readings", EnumSet.of(Role.BUREAU, Role.STATION), NONE, Route.INGEST), // ingest checks a station's own
            rule("GET", "/api/v1/{registry:stations|sources}", DATA_READERS, NONE, Route.LOCAL),
            rule("GET", "/api/v1/aqi/{kind:realtime|daily}", DATA_READERS, QUERY, Route.TARGET),
            rule("GET", "/api/v1/index/counties", READERS, QUERY, Route.TARGET),
            rule("GET", "/api/v1/targets/progress", READERS, QUERY, Route.TARGET),
            rule("GET", "/api/v1/sources/compliance", READERS, COMPLIANCE, Route.TARGET),
            rule("GET", "/api/v1/rankings/province/" + PERIOD, READERS, QUERY, Route.TARGET),
            rule("PUT", "/api/v1/rankings/province/" + PERIOD, BUREAU, NONE, Route.TARGET),
            rule("POST", "/api/v1/admin/recompute", BUREAU, NONE, Route.TARGET),
            rule("POST", "/api/v1/forecasts", BUREAU, NONE, Route.ALERT),
            rule("GET", "/api/v1/warnings/{which:current|observed}", READERS, QUERY, Route.ALERT),
            rule("GET", "/api/v1/alerts", READERS, QUERY, Route.ALERT),
            rule("GET", "/api/v1/alerts/stream", READERS, QUERY, Route.ALERT_STREAM),
            rule("POST", "/api/v1/alerts/{id:[0-9a-f-]+}/ack", READERS, NONE, Route.ALERT), // alert-service checks the alert's county
            rule("GET", "/api/v1/subscriptions/" + COUNTY, READERS, OWN_SUBSCRIPTION, Route.ALERT),
            rule("PUT", "/api/v1/subscriptions/" + COUNTY, BUREAU, NONE, Route.ALERT),
            // data review: target-service checks a mark's target against the reviewer's county and the month's state
            rule("GET", "/api/v1/review/{list:suspects|marks}", DATA_READERS, QUERY, Route.TARGET),
            rule("POST", "/api/v1/review/marks", EnumSet.of(Role.BUREAU, Role.REVIEWER), NONE, Route.TARGET),
            rule("POST", "/api/v1/review/marks/{id:[0-9a-f-]+}/decision", BUREAU, NONE, Route.TARGET),
            rule("POST", "/api/v1/review/prereview", BUREAU, NONE, Route.TARGET),
            rule("POST", "/api/v1/review/months/" + MONTH + "/{act:close|reopen}", BUREAU, NONE, Route.TARGET),
            rule("GET", "/api/v1/review/months/" + MONTH, ANYONE, NONE, Route.TARGET),
            // public disclosure (信息公开): no token, only these
            rule("GET", "/public", PUBLIC, NONE, Route.PUBLIC),
            rule("GET", "/public/api/v1/{what:aqi|warnings}", PUBLIC, NONE, Route.PUBLIC),
            rule("GET", "/public/api/v1/{what:rankings|exceedances}/" + MONTH, PUBLIC, NONE, Route.PUBLIC),
            rule("GET", "/public/feed.atom", PUBLIC, NONE, Route.PUBLIC));

    private static Rule rule(String method, String pattern, Set<Role> roles, Scope scope, Route route) {
        return new Rule(HttpMethod.valueOf(method), pattern, roles, scope, route);
    }
}
