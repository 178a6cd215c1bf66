package cn.yq.aq.support.security;

import java.nio.charset.StandardCharsets;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Refuses every {@code /api/**} request that did not come through the gateway: without a valid,
 * fresh {@link PrincipalHeaders} signature the answer is 401 problem details; otherwise the verified
 * {@link Principal} is put on the exchange. Actuator and OpenAPI paths stay open (probes, docs).
 */
public final class GatewayPrincipalFilter implements WebFilter {

    private final PrincipalHeaders headers;

    public GatewayPrincipalFilter(PrincipalHeaders headers) {
        this.headers = headers;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.startsWith("/api/")) {
            return chain.filter(exchange);
        }
        var h = exchange.getRequest().getHeaders();
        return headers.verify(h.getFirst(PrincipalHeaders.PRINCIPAL), h.getFirst(PrincipalHeaders.SIGNATURE))
                .map(p -> {
                    exchange.getAttributes().put(Principal.ATTRIBUTE, p);
                    return chain.filter(exchange);
                })
                .orElseGet(() -> refuse(exchange));
    }

    private static Mono<Void> refuse(ServerWebExchange exchange) {
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.UNAUTHORIZED);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        String body = "{\"type\":\"/problems/not-through-gateway\",\"title\":\"请求未经网关认证\",\"status\":401,"
                + "\"detail\":\"This service only answers requests forwarded and signed by the gateway.\"}";
        DataBuffer buffer = response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8));
        return response.writeWith(Mono.just(buffer));
    }
}
