package cn.yq.aq.gateway.access;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

import cn.yq.aq.gateway.system.GatewayProperties;
import cn.yq.aq.support.security.PrincipalHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * The door as one Spring Security chain, in this order: the {@link DoorFirewall} (400), the bearer
 * token authenticated as a resource server by the configured {@link ReactiveAuthenticationManager}
 * (opaque tokens locally, the OIDC issuer's JWTs in {@code prod}; 401), the {@link AccessPolicy} built
 * from {@link AccessRules} (403/404/405), then {@link Forwarding} (429, the signed caller). Stateless:
 * no session, no saved request, no CSRF (no cookies are ever read).
 */
@Configuration(proxyBeanMethods = false)
class DoorSecurity {

    /**
     * Spring Security's own observations (a timer around every filter of the chain, every authentication and every
     * authorization) are off: on two cores they cost more than the door itself (gateway benchmark); the door
     * counts its refusals by reason and role ({@code aq.gateway.refused}) and the routes their requests.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    Refusals refusals(MeterRegistry meters) {
        return new Refusals(meters);
    }

    @Bean
    ServerWebExchangeFirewall doorFirewall() {
        return new DoorFirewall();
    }

    /** The firewall's refusals as problem details (Spring Security takes the one bean of this type). */
    @Bean
    ServerExchangeRejectedHandler rejectedHandler(Refusals refusals) {
        return refusals;
    }

    @Bean
    SecurityWebFilterChain door(ServerHttpSecurity http, AccessPolicy policy, ReactiveAuthenticationManager callers,
                                Refusals refusals, PrincipalHeaders signer, GatewayProperties properties) {
        GatewayProperties.RateLimit limit = properties.gateway().rateLimit();
        GatewayProperties.PublicRateLimit open = properties.gateway().publicRateLimit();
        Forwarding forwarding = new Forwarding(signer, limit.enabled() ? new ClientRateLimits(limit) : null,
                open.enabled() ? new ClientRateLimits(open.asRateLimit()) : null, policy, refusals);
        ServerBearerTokenAuthenticationConverter bearer = new ServerBearerTokenAuthenticationConverter();
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(c -> c.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(a -> a.anyExchange().access(policy))
                .oauth2ResourceServer(o -> o
                        .authenticationManagerResolver(exchange -> Mono.just(callers))
                        // a token sent to a public probe is not checked (a stale one must not turn it into 401)
                        .bearerTokenConverter(exchange -> policy.lookup(exchange).isPublic() ? Mono.empty() : bearer.convert(exchange))
                        .authenticationEntryPoint(refusals)
                        .accessDeniedHandler(refusals))
                .exceptionHandling(e -> e.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
                .addFilterAfter(forwarding, SecurityWebFiltersOrder.AUTHORIZATION)
                .build();
    }
}
