package cn.yq.aq.gateway.access;

import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import cn.yq.aq.support.security.Principal;
import cn.yq.aq.support.security.PrincipalHeaders;
import reactor.core.publisher.Mono;

/**
 * Outside the security chain, for every request: a request id ({@code X-Request-Id}, the client's if
 * well formed, else new; echoed in the answer), the identity headers a client sent removed (only the
 * gateway sets them), and one access log line (method, path, status, time, caller, request id).
 */
@Component
public class RequestLog implements WebFilter, Ordered {

    public static final String REQUEST_ID = "X-Request-Id";
    private static final Logger access = LoggerFactory.getLogger("cn.yq.aq.gateway.access");
    private static final Pattern GOOD_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10; // before Spring Security's chain (-100)
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long start = System.nanoTime();
        String incoming = exchange.getRequest().getHeaders().getFirst(REQUEST_ID);
        String requestId = incoming != null && GOOD_ID.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
        exchange.getResponse().getHeaders().set(REQUEST_ID, requestId);
        ServerWebExchange withId = exchange.mutate().request(r -> r.headers(h -> {
            h.set(REQUEST_ID, requestId);
            h.remove(PrincipalHeaders.PRINCIPAL); // never the client's
            h.remove(PrincipalHeaders.SIGNATURE);
        })).build();
        return chain.filter(withId).doFinally(signal -> {
            Principal who = withId.getAttribute(AccessPolicy.CALLER);
            var status = exchange.getResponse().getStatusCode();
            access.info("{} {} {} {} ms client={} id={}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                    status == null ? "-" : status.value(), (System.nanoTime() - start) / 1_000_000,
                    who == null ? "-" : who.role().code() + ":" + who.id(), requestId);
        });
    }
}
