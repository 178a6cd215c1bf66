package cn.yq.aq.gateway.routing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

import cn.yq.aq.gateway.access.AccessRules;
import cn.yq.aq.gateway.access.AccessRules.Route;
import cn.yq.aq.gateway.system.GatewayProperties;

/**
 * The gateway's routes, made from {@link AccessRules#RULES}: each route's path predicate is the paths
 * of the rules that name it, so a path is written once. Every API route goes through its service's
 * circuit breaker (a fast 503 from {@link FallbackController} while it is open); idempotent GETs are
 * retried on 502/503/504 and connection errors inside the breaker (a retried call counts once);
 * POST/PUT never are (a forecast or an ack must not run twice), nor the endless alert stream. The
 * OpenAPI documents of the services are served under {@code /v3/api-docs/<service>-service}.
 */
@Configuration(proxyBeanMethods = false)
class Routes {

    @Bean
    RouteLocator ruleRoutes(RouteLocatorBuilder builder, GatewayProperties properties) {
        Map<Route, Set<String>> paths = new LinkedHashMap<>();
        for (AccessRules.Rule rule : AccessRules.RULES) {
            if (rule.route() != Route.LOCAL) {
                paths.computeIfAbsent(rule.route(), r -> new LinkedHashSet<>()).add(rule.pattern());
            }
        }
        RouteLocatorBuilder.Builder routes = builder.routes();
        paths.forEach((route, patterns) -> routes.route(route.id(), r -> r.path(patterns.toArray(String[]::new))
                .filters(f -> filters(f, route)).uri(properties.gateway().services().url(route.service()))));
        return routes.build();
    }

    private static GatewayFilterSpec filters(GatewayFilterSpec f, Route route) {
        return switch (route.kind()) {
            case DOCS -> f.setPath("/v3/api-docs");
            case API -> breaker(f, route);
            case API_RETRIED -> breaker(f, route).retry(Routes::idempotentRetry);
            case LOCAL -> throw new IllegalArgumentException("a local rule has no route");
        };
    }

    private static GatewayFilterSpec breaker(GatewayFilterSpec f, Route route) {
        return f.circuitBreaker(c -> c.setName(route.service()).setFallbackUri("forward:/fallback/" + route.service() + "-service"));
    }

    private static void idempotentRetry(RetryGatewayFilterFactory.RetryConfig c) {
        c.setRetries(2).setMethods(HttpMethod.GET)
                .setStatuses(HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE, HttpStatus.GATEWAY_TIMEOUT)
                .setSeries()
                .setBackoff(Duration.ofMillis(50), Duration.ofMillis(500), 2, false);
    }
}
