package cn.yq.aq.support.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Every service behind the gateway: {@link PrincipalHeaders} from {@code aq.security.gateway-secret}
 * (required: a service without it does not start, fail closed) and {@link GatewayPrincipalFilter},
 * which refuses every request the gateway did not sign except a GET of one of
 * {@code aq.security.open-paths} (exact raw paths; default the health probes and the metrics). The gateway itself signs and sets
 * {@code aq.security.verify-principal=false}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class GatewaySecurityAutoConfiguration {

    /** What answers without the gateway's signature: the probes and the metrics (services bind to loopback). */
    static final String[] OPEN_PATHS = {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
        "/actuator/prometheus"};

    @Bean
    @ConditionalOnMissingBean
    PrincipalHeaders principalHeaders(Environment env) {
        String secret = env.getProperty("aq.security.gateway-secret");
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("aq.security.gateway-secret (AQ_GATEWAY_SECRET) is not set: the services answer "
                    + "only requests the gateway signed with it (deploy/local/up.sh generates one)");
        }
        Duration maxAge = env.getProperty("aq.security.max-age", Duration.class, Duration.ofSeconds(60));
        return new PrincipalHeaders(secret, maxAge, Clock.systemUTC());
    }

    @Bean
    @ConditionalOnProperty(name = "aq.security.verify-principal", havingValue = "true", matchIfMissing = true)
    GatewayPrincipalFilter gatewayPrincipalFilter(PrincipalHeaders headers, Environment env, ObjectProvider<MeterRegistry> meters) {
        String[] open = env.getProperty("aq.security.open-paths", String[].class, OPEN_PATHS);
        return new GatewayPrincipalFilter(headers, Set.of(open), meters.getIfAvailable(SimpleMeterRegistry::new));
    }
}
