package cn.yq.aq.gateway.access;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;

import cn.yq.aq.gateway.access.AccessRules.Rule;
import cn.yq.aq.registry.Registry;
import cn.yq.aq.registry.Station;
import cn.yq.aq.support.security.Principal;
import reactor.core.publisher.Mono;

/**
 * Who may do what, decided at the door on the path the firewall let through, deny by default: a
 * request is allowed only if one rule of {@link AccessRules#RULES} names its method and path and the
 * caller's role. Any other path is 404 and any other method 405, whoever asks; only the health
 * probes need no token. On top of the role, a county's requests are scoped (the rule's
 * {@link AccessRules.Scope}). As Spring Security's authorization manager it leaves its
 * {@link Decision} on the exchange ({@link #DECISION}) for the refusal's problem details and for the
 * query parameters an allowed request gains.
 */
@Component
public class AccessPolicy implements ReactiveAuthorizationManager<AuthorizationContext> {

    /** The exchange attribute holding the {@link Decision}. */
    public static final String DECISION = AccessPolicy.class.getName() + ".decision";
    /** The exchange attribute holding the authenticated caller's {@link Principal} (for the refusals and the access log). */
    public static final String CALLER = AccessPolicy.class.getName() + ".caller";
    private static final String LOOKUP = AccessPolicy.class.getName() + ".lookup";

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

    /** The rule a request falls under (null: none) and the path variables it captured. */
    public record Lookup(HttpMethod method, String path, Rule rule, Map<String, String> variables) {

        /** Whether it may be served without a token (the health probes). */
        public boolean isPublic() {
            return rule != null && rule.isPublic();
        }
    }

    private record Compiled(Rule rule, PathPattern path) {
    }

    private final List<Compiled> rules = AccessRules.RULES.stream().map(r -> new Compiled(r, r.path())).toList();
    private final Registry registry;

    public AccessPolicy(Registry registry) {
        this.registry = registry;
    }

    /** The rule of a request, looked up once (the bearer converter and the authorization both ask). */
    public Lookup lookup(ServerWebExchange exchange) {
        Lookup found = exchange.getAttribute(LOOKUP);
        if (found == null) {
            var request = exchange.getRequest();
            found = lookup(request.getMethod(), request.getPath().pathWithinApplication().value());
            exchange.getAttributes().put(LOOKUP, found);
        }
        return found;
    }

    /** The rule for {@code method path} (HEAD is served wherever GET is), or a lookup without one. */
    public Lookup lookup(HttpMethod method, String path) {
        HttpMethod m = HttpMethod.HEAD.equals(method) ? HttpMethod.GET : method;
        PathContainer container = PathContainer.parsePath(path);
        for (Compiled c : rules) {
            if (c.rule().method().equals(m)) {
                PathPattern.PathMatchInfo match = c.path().matchAndExtract(container);
                if (match != null) {
                    return new Lookup(method, path, c.rule(), match.getUriVariables());
                }
            }
        }
        return new Lookup(method, path, null, Map.of());
    }

    /** The decision for an authenticated caller. */
    public Decision decide(Principal who, HttpMethod method, String path, MultiValueMap<String, String> query) {
        return decide(who, lookup(method, path), query);
    }

    /** The decision for an authenticated caller, on the rule already looked up. */
    public Decision decide(Principal who, Lookup found, MultiValueMap<String, String> query) {
        Rule rule = found.rule();
        if (rule == null) {
            PathContainer path = PathContainer.parsePath(found.path());
            boolean pathKnown = rules.stream().anyMatch(c -> c.path().matches(path));
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
                case REVIEWER -> "a reviewer reads data and marks it, nothing else";
                default -> "not allowed for " + who.role().code();
            });
        }
        if (who.ownCounty() == null) {
            return Decision.allow(); // the bureau, a reviewer of every county, a station posting (ingest checks it)
        }
        Decision scoped = rule.scope().check(who, found.variables(), query, registry);
        return scoped == null ? Decision.allow() : scoped;
    }

    /**
     * Spring Security's question: the public probes are granted to anyone; everything else needs an
     * authenticated caller (else not granted: the entry point answers 401) and this policy's yes.
     */
    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        ServerWebExchange exchange = context.getExchange();
        var request = exchange.getRequest();
        Lookup found = lookup(exchange);
        if (found.isPublic()) {
            return Mono.just(new AuthorizationDecision(true));
        }
        return authentication.filter(Authentication::isAuthenticated)
                .mapNotNull(a -> a.getPrincipal() instanceof Principal who ? who : null)
                .map(who -> {
                    exchange.getAttributes().put(CALLER, who);
                    Decision d = decide(who, found, request.getQueryParams());
                    exchange.getAttributes().put(DECISION, d);
                    return (AuthorizationResult) new AuthorizationDecision(d.allowed());
                })
                .defaultIfEmpty(new AuthorizationDecision(false));
    }

    /** A county's (or a county reviewer's) request may name only its own county, stations and sources ({@code null}: fine). */
    static Decision ownQuery(Principal who, MultiValueMap<String, String> query, Registry registry) {
        String own = who.county();
        for (String county : query.getOrDefault("county", List.of())) {
            if (!own.equals(county)) {
                return Decision.deny("a county reads only its own data (county=" + own + ")");
            }
        }
        List<String> ids = new java.util.ArrayList<>(query.getOrDefault("station", List.of()));
        ids.addAll(query.getOrDefault("target", List.of()));
        for (String station : ids) {
            String of = registry.station(station).map(Station::county)
                    .or(() -> registry.source(station).map(s -> s.county())).orElse(null);
            if (!own.equals(of)) {
                return Decision.deny("a county reads only its own stations");
            }
        }
        return null;
    }
}
