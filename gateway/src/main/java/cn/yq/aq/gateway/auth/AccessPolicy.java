package cn.yq.aq.gateway.auth;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

import cn.yq.aq.registry.Registry;
import cn.yq.aq.registry.Station;
import cn.yq.aq.support.security.Principal;
import cn.yq.aq.support.security.Principal.Role;

/**
 * Who may do what, decided at the door on the canonical path (see {@code CanonicalPath}), deny by
 * default: a request is allowed only if one rule of {@link #RULES} names its method and path and the
 * caller's role. Any other path is 404 and any other method 405, whoever asks; only the health
 * probes need no token. On top of the role, a county's reads are scoped: a {@code county=} or
 * {@code station=} parameter naming another county is refused, its subscription is its own, and the
 * compliance list is narrowed to its own county. A station only posts readings (ingest checks that
 * they are its own).
 */
@Component
public class AccessPolicy {

    /** The outcome: allowed (with query parameters to add), or refused with a status and the reason. */
    public record Decision(boolean allowed, HttpStatus status, String reason, Map<String, String> addQuery) {

        static Decision allow() {
            return new Decision(true, HttpStatus.OK, null, Map.of());
        }

        static Decision allow(Map<String, String> addQuery) {
            return new Decision(true, HttpStatus.OK, null, addQuery);
        }

        static Decision deny(String reason) {
            return new Decision(false, HttpStatus.FORBIDDEN, reason, Map.of());
        }

        static Decision refuse(HttpStatus status, String reason) {
            return new Decision(false, status, reason, Map.of());
        }
    }

    /** What a county's request must satisfy beyond its role (null: fine). */
    @FunctionalInterface
    interface Scope {
        Decision check(AccessPolicy policy, Principal who, Matcher path, MultiValueMap<String, String> query);
    }

    /**
     * One allowed operation.
     *
     * @param method the method (HEAD is served wherever GET is)
     * @param path   the whole canonical path, a regular expression whose groups are the path variables
     * @param roles  who may; empty for the public health probes
     * @param scope  the county check, for rules open to counties
     */
    record Rule(HttpMethod method, Pattern path, Set<Role> roles, Scope scope) {

        boolean isPublic() {
            return roles.isEmpty();
        }
    }

    private static final Set<Role> BUREAU = EnumSet.of(Role.BUREAU);
    private static final Set<Role> READERS = EnumSet.of(Role.BUREAU, Role.COUNTY);
    private static final Scope NONE = (p, who, m, q) -> null;
    private static final Scope QUERY = (p, who, m, q) -> p.scope(who, q);
    private static final Scope OWN_COUNTY = (p, who, m, q) -> who.role() == Role.COUNTY && !who.county().equals(m.group(1))
            ? Decision.deny("a county reads only its own subscription") : null;
    private static final Scope COMPLIANCE = (p, who, m, q) -> {
        Decision d = p.scope(who, q);
        return d == null && who.role() == Role.COUNTY && q.getFirst("county") == null
                ? Decision.allow(Map.of("county", who.county())) : d; // its own enterprises only
    };
    private static final String ID = "([a-z0-9][a-z0-9-]{0,63})";

    /** Every operation the gateway lets through; nothing else is. */
    static final List<Rule> RULES = List.of(
            rule("GET", "/actuator/health", Set.of(), NONE),
            rule("GET", "/actuator/health/(liveness|readiness)", Set.of(), NONE),
            rule("GET", "/actuator/(prometheus|info|metrics)", BUREAU, NONE),
            rule("GET", "/actuator/metrics/([A-Za-z0-9._-]+)", BUREAU, NONE),
            rule("GET", "/v3/api-docs/(ingest-service|target-service|alert-service)", EnumSet.of(Role.BUREAU, Role.COUNTY, Role.STATION),
                    NONE),
            rule("POST", "/api/v1/readings", EnumSet.of(Role.BUREAU, Role.STATION), NONE),
            rule("GET", "/api/v1/(stations|sources)", READERS, NONE),
            rule("GET", "/api/v1/aqi/(realtime|daily)", READERS, QUERY),
            rule("GET", "/api/v1/index/counties", READERS, QUERY),
            rule("GET", "/api/v1/targets/progress", READERS, QUERY),
            rule("GET", "/api/v1/sources/compliance", READERS, COMPLIANCE),
            rule("GET", "/api/v1/rankings/province/([0-9]{4}-[0-9]{2}(-ytd)?)", READERS, QUERY),
            rule("PUT", "/api/v1/rankings/province/([0-9]{4}-[0-9]{2}(-ytd)?)", BUREAU, NONE),
            rule("POST", "/api/v1/admin/recompute", BUREAU, NONE),
            rule("POST", "/api/v1/forecasts", BUREAU, NONE),
            rule("GET", "/api/v1/warnings/(current|observed)", READERS, QUERY),
            rule("GET", "/api/v1/alerts", READERS, QUERY),
            rule("GET", "/api/v1/alerts/stream", READERS, QUERY),
            rule("POST", "/api/v1/alerts/([0-9a-f-]{36})/ack", READERS, NONE), // alert-service checks the alert's county
            rule("GET", "/api/v1/subscriptions/" + ID, READERS, OWN_COUNTY),
            rule("PUT", "/api/v1/subscriptions/" + ID, BUREAU, NONE));

    private static Rule rule(String method, String path, Set<Role> roles, Scope scope) {
        return new Rule(HttpMethod.valueOf(method), Pattern.compile(path), roles, scope);
    }

    private final Registry registry;

    public AccessPolicy(Registry registry) {
        this.registry = registry;
    }

    /**
     * The rule a request falls under, looked up once per request: {@link #isPublic()} before
     * authentication, {@link #decide} after it.
     */
    public record Lookup(HttpMethod method, String path, Rule rule, Matcher matcher) {

        /** Whether it may be served without a token (the health probes). */
        public boolean isPublic() {
            return rule != null && rule.isPublic();
        }
    }

    /** The rule for {@code method path} (HEAD is served wherever GET is), or a lookup without one. */
    public Lookup lookup(HttpMethod method, String path) {
        HttpMethod m = HttpMethod.HEAD.equals(method) ? HttpMethod.GET : method;
        for (Rule r : RULES) {
            if (r.method().equals(m)) {
                Matcher matcher = r.path().matcher(path);
                if (matcher.matches()) {
                    return new Lookup(method, path, r, matcher);
                }
            }
        }
        return new Lookup(method, path, null, null);
    }

    /** The decision for an authenticated caller. */
    public Decision decide(Principal who, HttpMethod method, String path, MultiValueMap<String, String> query) {
        return decide(who, lookup(method, path), query);
    }

    /** The decision for an authenticated caller, on the rule already looked up. */
    public Decision decide(Principal who, Lookup found, MultiValueMap<String, String> query) {
        Rule rule = found.rule();
        if (rule == null) {
            boolean pathKnown = RULES.stream().anyMatch(r -> r.path().matcher(found.path()).matches());
            return pathKnown ? Decision.refuse(HttpStatus.METHOD_NOT_ALLOWED, found.method() + " is not served on " + found.path())
                    : Decision.refuse(HttpStatus.NOT_FOUND, "no such resource");
        }
        if (rule.isPublic()) {
            return Decision.allow();
        }
        if (!rule.roles().contains(who.role())) {
            return Decision.deny(switch (who.role()) {
                case STATION -> "a station may only post its own readings";
                case COUNTY -> "only the bureau may do this";
                default -> "not allowed for " + who.role().code();
            });
        }
        if (who.role() != Role.COUNTY) {
            return Decision.allow();
        }
        Decision scoped = rule.scope().check(this, who, found.matcher(), query);
        return scoped == null ? Decision.allow() : scoped;
    }

    /** A county's request may name only its own county and its own stations. */
    private Decision scope(Principal who, MultiValueMap<String, String> query) {
        String own = who.county();
        for (String county : query.getOrDefault("county", List.of())) {
            if (!own.equals(county)) {
                return Decision.deny("a county reads only its own data (county=" + own + ")");
            }
        }
        for (String station : query.getOrDefault("station", List.of())) {
            String of = registry.station(station).map(Station::county)
                    .or(() -> registry.source(station).map(s -> s.county())).orElse(null);
            if (!own.equals(of)) {
                return Decision.deny("a county reads only its own stations");
            }
        }
        return null;
    }
}
