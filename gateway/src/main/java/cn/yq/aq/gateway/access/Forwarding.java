package cn.yq.aq.gateway.access;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.UriComponentsBuilder;

import cn.yq.aq.gateway.auth.Caller;
import cn.yq.aq.support.security.Principal;
import cn.yq.aq.support.security.PrincipalHeaders;
import reactor.core.publisher.Mono;

/**
 * The last step of the door, after authorization: the caller's rate limit (429), the query
 * parameters its decision adds (a county's compliance list narrowed to itself), and the caller for
 * the services in the signed {@code X-AQ-Principal} headers instead of its token. A request to the public
 * disclosure has no caller: its limit is its client address's, and it goes on without any token or principal
 * header (whatever the client sent).
 */
final class Forwarding implements WebFilter {

    private final PrincipalHeaders signer;
    private final ClientRateLimits limits;
    private final ClientRateLimits addresses;
    private final AccessPolicy policy;
    private final Refusals refusals;

    Forwarding(PrincipalHeaders signer, ClientRateLimits limits, ClientRateLimits addresses, AccessPolicy policy, Refusals refusals) {
        this.signer = signer;
        this.limits = limits;
        this.addresses = addresses;
        this.policy = policy;
        this.refusals = refusals;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        // (not flatMap + switchIfEmpty: the forwarded exchange completes empty too)
        return exchange.getPrincipal().filter(Caller.class::isInstance).map(p -> Optional.of(((Caller) p).getPrincipal()))
                .defaultIfEmpty(Optional.empty())
                .flatMap(who -> who.isPresent() ? forward(exchange, chain, who.get()) : anonymous(exchange, chain));
    }

    private Mono<Void> anonymous(ServerWebExchange exchange, WebFilterChain chain) {
        AccessPolicy.Lookup found = policy.lookup(exchange);
        if (found.rule() == null || found.rule().route() != AccessRules.Route.PUBLIC) {
            return chain.filter(exchange); // the gateway's own probes
        }
        java.net.InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        String address = remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
        if (addresses != null) {
            long wait = addresses.tryAcquire(address);
            if (wait > 0) {
                return refusals.tooMany(exchange, address, wait);
            }
        }
        return chain.filter(exchange.mutate().request(r -> r.headers(h -> {
            h.remove(HttpHeaders.AUTHORIZATION);
            h.remove(PrincipalHeaders.PRINCIPAL);
            h.remove(PrincipalHeaders.SIGNATURE);
        })).build());
    }

    private Mono<Void> forward(ServerWebExchange exchange, WebFilterChain chain, Principal who) {
        if (limits != null) {
            long wait = limits.tryAcquire(who.role().code() + ":" + who.id());
            if (wait > 0) {
                return refusals.tooMany(exchange, who, wait);
            }
        }
        AccessPolicy.Decision d = exchange.getAttribute(AccessPolicy.DECISION);
        URI uri = exchange.getRequest().getURI();
        if (d != null && !d.addQuery().isEmpty()) {
            UriComponentsBuilder b = UriComponentsBuilder.fromUri(uri);
            for (Map.Entry<String, String> e : d.addQuery().entrySet()) {
                b.queryParam(e.getKey(), e.getValue());
            }
            uri = b.build(true).toUri();
        }
        URI target = uri;
        String value = signer.value(who);
        String signature = signer.sign(value);
        ServerWebExchange signed = exchange.mutate().request(r -> r.uri(target).headers(h -> {
            h.set(PrincipalHeaders.PRINCIPAL, value);
            h.set(PrincipalHeaders.SIGNATURE, signature);
            h.remove(HttpHeaders.AUTHORIZATION); // the services trust the signed principal, not the token
        })).build();
        return chain.filter(signed);
    }
}
