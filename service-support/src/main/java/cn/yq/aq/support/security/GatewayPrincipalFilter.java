package cn.yq.aq.support.security;

import java.util.Set;

import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import cn.yq.aq.support.web.ProblemResponses;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * The services' own wall, deny by default: every request needs a valid, fresh {@link PrincipalHeaders}
 * signature from the gateway (else 401 problem details), whatever its path looks like, except a
 * GET of one of the listed open paths ({@code aq.security.open-paths}: the actuator probes and the
 * metrics for the local scraper), compared exactly with the raw path as it arrived (no pattern a
 * variant such as {@code /%61ctuator} or {@code /actuator;x/health} could slip through). The verified
 * {@link Principal} is put on the exchange. {@code aq_security_requests_total{outcome[, role]}} counts what was
 * admitted with a signature, served open and refused.
 */
public final class GatewayPrincipalFilter implements WebFilter, Ordered {

    private final PrincipalHeaders headers;
    private final Set<String> openPaths;
    /** Admitted requests by the caller's role (the gateway's callers, or another service). */
    private final java.util.Map<Principal.Role, Counter> admitted = new java.util.EnumMap<>(Principal.Role.class);
    private final Counter open;
    private final Counter refused;

    public GatewayPrincipalFilter(PrincipalHeaders headers, Set<String> openPaths, MeterRegistry meters) {
        this.headers = headers;
        this.openPaths = Set.copyOf(openPaths);
        for (Principal.Role role : Principal.Role.values()) {
            admitted.put(role, meters.counter("aq.security.requests", "outcome", "admitted", "role", role.code()));
        }
        this.open = meters.counter("aq.security.requests", "outcome", "open");
        this.refused = meters.counter("aq.security.requests", "outcome", "refused");
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        var h = request.getHeaders();
        var principal = headers.verify(h.getFirst(PrincipalHeaders.PRINCIPAL), h.getFirst(PrincipalHeaders.SIGNATURE));
        if (principal.isPresent()) {
            admitted.get(principal.get().role()).increment();
            exchange.getAttributes().put(Principal.ATTRIBUTE, principal.get());
            return chain.filter(exchange);
        }
        boolean read = HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod());
        if (read && request.getURI().getRawQuery() == null && openPaths.contains(request.getURI().getRawPath())) {
            open.increment();
            return chain.filter(exchange);
        }
        refused.increment();
        return refuse(exchange);
    }

    private static Mono<Void> refuse(ServerWebExchange exchange) {
        return ProblemResponses.write(exchange, HttpStatus.UNAUTHORIZED, "not-through-gateway", "请求未经网关认证",
                "This service only answers requests forwarded and signed by the gateway.");
    }
}
