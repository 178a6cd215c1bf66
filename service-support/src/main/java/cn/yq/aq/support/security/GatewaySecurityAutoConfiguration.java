package cn.yq.aq.support.security;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Every service behind the gateway: {@link PrincipalHeaders} from {@code aq.security.gateway-secret}
 * (required: a service without it does not start, fail closed) and {@link GatewayPrincipalFilter},
 * which refuses {@code /api/**} requests the gateway did not sign. The gateway itself signs and sets
 * {@code aq.security.verify-principal=false}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class GatewaySecurityAutoConfiguration {

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
    GatewayPrincipalFilter gatewayPrincipalFilter(PrincipalHeaders headers) {
        return new GatewayPrincipalFilter(headers);
    }
}
