package cn.yq.aq.gateway.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoders;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;

import cn.yq.aq.gateway.auth.JwtCallers;
import cn.yq.aq.gateway.auth.TokenAuthenticationManager;
import io.micrometer.core.instrument.config.MeterFilter;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
class GatewayConfiguration {

    private static final Logger log = LoggerFactory.getLogger(GatewayConfiguration.class);

    /** The route metrics name the route, never the internal address behind it. */
    @Bean
    MeterFilter noRouteUris() {
        return MeterFilter.ignoreTags("routeUri", "spring.cloud.gateway.route.uri");
    }

    /**
     * Who a bearer token is: {@code tokens} (local profile: opaque tokens by their hashes) or {@code jwt}
     * (production profile: the OIDC issuer's JWTs, the caller from their claims).
     */
    @Bean
    ReactiveAuthenticationManager callers(GatewayProperties properties) throws Exception {
        GatewayProperties.Auth auth = properties.gateway().auth();
        return switch (auth.mode()) {
            case "tokens" -> {
                TokenAuthenticationManager tokens = new TokenAuthenticationManager(auth.clients());
                if (tokens.size() == 0) {
                    log.warn("no token clients configured (aq.gateway.auth.clients): every /api request will be refused");
                }
                yield tokens;
            }
            case "jwt" -> {
                JwtReactiveAuthenticationManager jwt = new JwtReactiveAuthenticationManager(decoder(auth.jwt()));
                jwt.setJwtAuthenticationConverter(new JwtCallers(auth.jwt()));
                yield jwt;
            }
            default -> throw new IllegalArgumentException("aq.gateway.auth.mode must be tokens or jwt, not " + auth.mode());
        };
    }

    private static ReactiveJwtDecoder decoder(GatewayProperties.Jwt jwt) throws Exception {
        if (jwt.publicKeyLocation() != null && !jwt.publicKeyLocation().isBlank()) {
            return NimbusReactiveJwtDecoder.withPublicKey(publicKey(Path.of(jwt.publicKeyLocation()))).build();
        }
        if (jwt.jwkSetUri() != null && !jwt.jwkSetUri().isBlank()) {
            return NimbusReactiveJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).build();
        }
        if (jwt.issuerUri() != null && !jwt.issuerUri().isBlank()) {
            return ReactiveJwtDecoders.fromIssuerLocation(jwt.issuerUri());
        }
        throw new IllegalArgumentException("aq.gateway.auth.jwt needs issuer-uri, jwk-set-uri or public-key-location");
    }

    static RSAPublicKey publicKey(Path pem) throws IOException, java.security.GeneralSecurityException {
        String base64 = Files.readString(pem, StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
