package cn.yq.aq.gateway.access;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.UriComponentsBuilder;

import cn.yq.aq.gateway.auth.AccessPolicy;
import cn.yq.aq.gateway.auth.Authenticator;
import cn.yq.aq.gateway.system.GatewayProperties;
import cn.yq.aq.support.security.Principal;
import cn.yq.aq.support.security.PrincipalHeaders;
import cn.yq.aq.support.web.ProblemResponses;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * The door. For every request: a request id ({@code X-Request-Id}, the client's if well formed,
 * else new; echoed in the answer) and an access log line; any identity headers the client sent are
 * removed. A path not in canonical form ({@link CanonicalPath}) is 400 before anything else. Deny by
 * default: except the health probes, every request needs a bearer token (401) and an
 * {@link AccessPolicy} rule for its method and path (else 404/405, or 403 for the wrong role or
 * county), and is rate-limited per client (429); then the verified caller goes to the service in
 * the signed {@code X-AQ-Principal} headers. Refusals are problem details with Chinese titles.
 */
@Component
public class AccessFilter implements WebFilter, Ordered {

    public static final String REQUEST_ID = "X-Request-Id";
    static final String PRINCIPAL_ATTRIBUTE = "aq.principal";
    private static final Logger access = LoggerFactory.getLogger("cn.yq.aq.gateway.access");
    private static final Pattern GOOD_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Authenticator authenticator;
    private final AccessPolicy policy;
    private final PrincipalHeaders signer;
    private final RateLimiter limiter;
    private final boolean rateLimited;
    private final MeterRegistry meters;

    public AccessFilter(Authenticator authenticator, AccessPolicy policy, PrincipalHeaders signer, GatewayProperties properties,
                      MeterRegistry meters) {
        this.authenticator = authenticator;
        this.policy = policy;
        this.signer = signer;
        GatewayProperties.RateLimit r = properties.gateway().rateLimit();
        this.limiter = new RateLimiter(r.burst(), r.perSecond());
        this.rateLimited = r.enabled();
        this.meters = meters;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
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
        return handle(withId, chain).doFinally(signal -> {
            Principal who = withId.getAttribute(PRINCIPAL_ATTRIBUTE);
            var status = exchange.getResponse().getStatusCode();
            access.info("{} {} {} {} ms client={} id={}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                    status == null ? "-" : status.value(), (System.nanoTime() - start) / 1_000_000,
                    who == null ? "-" : who.role().code() + ":" + who.id(), requestId);
        });
    }

    private Mono<Void> handle(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        // one string for the policy, the routes and the services: the raw path, refused unless canonical
        String path = request.getURI().getRawPath();
        String problem = CanonicalPath.problem(path);
        if (problem != null) {
            meters.counter("aq.gateway.refused", "reason", "non-canonical-path", "role", "none").increment();
            return ProblemResponses.write(exchange, HttpStatus.BAD_REQUEST, "non-canonical-path", "请求路径格式不规范", problem);
        }
        AccessPolicy.Lookup route = policy.lookup(request.getMethod(), path);
        if (route.isPublic()) {
            return chain.filter(exchange);
        }
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.length() < 8) {
            return unauthorized(exchange, "a bearer token is required (Authorization: Bearer …)");
        }
        // (not flatMap + switchIfEmpty: the forwarded exchange completes empty too)
        return authenticator.authenticate(authorization.substring(7).trim())
                .map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                .flatMap(who -> who.isPresent() ? authorised(exchange, chain, route, who.get())
                        : unauthorized(exchange, "the token is not valid"));
    }

    private Mono<Void> authorised(ServerWebExchange exchange, WebFilterChain chain, AccessPolicy.Lookup route, Principal who) {
        exchange.getAttributes().put(PRINCIPAL_ATTRIBUTE, who);
        var request = exchange.getRequest();
        AccessPolicy.Decision d = policy.decide(who, route, request.getQueryParams());
        if (!d.allowed()) {
            String[] problem = switch (d.status()) { // reason code, Chinese title
                case NOT_FOUND -> new String[] {"not-found", "请求的资源不存在"};
                case METHOD_NOT_ALLOWED -> new String[] {"method-not-allowed", "不支持该请求方法"};
                default -> new String[] {"forbidden", "无权访问"};
            };
            meters.counter("aq.gateway.refused", "reason", problem[0], "role", who.role().code()).increment();
            return ProblemResponses.write(exchange, d.status(), problem[0], problem[1], d.reason());
        }
        if (rateLimited) {
            long wait = limiter.tryAcquire(who.role().code() + ":" + who.id(), System.nanoTime());
            if (wait > 0) {
                meters.counter("aq.gateway.refused", "reason", "rate-limited", "role", who.role().code()).increment();
                exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(wait));
                return ProblemResponses.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "请求过于频繁，请稍后再试",
                        "too many requests from " + who.role().code() + " " + who.id() + "; retry after " + wait + " s");
            }
        }
        String value = signer.value(who);
        String signature = signer.sign(value);
        URI uri = request.getURI();
        if (!d.addQuery().isEmpty()) {
            UriComponentsBuilder b = UriComponentsBuilder.fromUri(uri);
            for (Map.Entry<String, String> e : d.addQuery().entrySet()) {
                b.queryParam(e.getKey(), e.getValue());
            }
            uri = b.build(true).toUri();
        }
        URI target = uri;
        ServerWebExchange signed = exchange.mutate().request(r -> r.uri(target).headers(h -> {
            h.set(PrincipalHeaders.PRINCIPAL, value);
            h.set(PrincipalHeaders.SIGNATURE, signature);
            h.remove(HttpHeaders.AUTHORIZATION); // the services trust the signed principal, not the token
        })).build();
        return chain.filter(signed);
    }

    private Mono<Void> unauthorized(ServerWebExchange exchange, String detail) {
        meters.counter("aq.gateway.refused", "reason", "unauthorized", "role", "none").increment();
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return ProblemResponses.write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized", "未认证或令牌无效", detail);
    }
}
