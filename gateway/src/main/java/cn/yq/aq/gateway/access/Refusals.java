package cn.yq.aq.gateway.access;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;

import cn.yq.aq.support.security.Principal;
import cn.yq.aq.support.web.ProblemResponses;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * Every refusal of the door as problem details with a Chinese title, counted by reason and role
 * ({@code aq.gateway.refused}): 400 from the firewall, 401 without a valid token (with
 * {@code WWW-Authenticate: Bearer}), 403/404/405 from the {@link AccessPolicy}'s decision.
 */
final class Refusals implements ServerExchangeRejectedHandler, ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    private final MeterRegistry meters;

    Refusals(MeterRegistry meters) {
        this.meters = meters;
    }

    /** The firewall's: 400. */
    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        count("non-canonical-path", null);
        return ProblemResponses.write(exchange, HttpStatus.BAD_REQUEST, "non-canonical-path", "请求路径格式不规范", rejected.getMessage());
    }

    /** No token, or one that is not valid: 401. */
    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException e) {
        count("unauthorized", null);
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return ProblemResponses.write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized", "未认证或令牌无效",
                e instanceof OAuth2AuthenticationException ? "the token is not valid"
                        : "a bearer token is required (Authorization: Bearer …)");
    }

    /** An authenticated caller the policy refused: its decision's status and reason. */
    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        AccessPolicy.Decision d = exchange.getAttribute(AccessPolicy.DECISION);
        HttpStatus status = d == null ? HttpStatus.FORBIDDEN : d.status();
        String[] problem = switch (status) { // reason code, Chinese title
            case NOT_FOUND -> new String[] {"not-found", "请求的资源不存在"};
            case METHOD_NOT_ALLOWED -> new String[] {"method-not-allowed", "不支持该请求方法"};
            default -> new String[] {"forbidden", "无权访问"};
        };
        count(problem[0], exchange.getAttribute(AccessPolicy.CALLER));
        return ProblemResponses.write(exchange, status, problem[0], problem[1], d == null ? "access denied" : d.reason());
    }

    /** Too many requests from one client: 429 with {@code Retry-After}. */
    Mono<Void> tooMany(ServerWebExchange exchange, Principal who, long retryAfterSeconds) {
        count("rate-limited", who);
        return refuseTooMany(exchange, who.role().code() + " " + who.id(), retryAfterSeconds);
    }

    /** 429 to a client of the public pages, known by its address. */
    Mono<Void> tooMany(ServerWebExchange exchange, String address, long retryAfterSeconds) {
        count("rate-limited", null);
        return refuseTooMany(exchange, "address " + address, retryAfterSeconds);
    }

    private static Mono<Void> refuseTooMany(ServerWebExchange exchange, String client, long retryAfterSeconds) {
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        return ProblemResponses.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "请求过于频繁，请稍后再试",
                "too many requests from " + client + "; retry after " + retryAfterSeconds + " s");
    }

    private void count(String reason, Principal who) {
        meters.counter("aq.gateway.refused", "reason", reason, "role", who == null ? "none" : who.role().code()).increment();
    }
}
