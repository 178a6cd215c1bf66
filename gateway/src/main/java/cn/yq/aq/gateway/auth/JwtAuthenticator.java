package cn.yq.aq.gateway.auth;

import java.util.Locale;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import cn.yq.aq.gateway.system.GatewayProperties;
import cn.yq.aq.support.security.Principal;
import reactor.core.publisher.Mono;

/**
 * JWT bearer tokens from the OIDC issuer (production profile): signature, expiry and issuer checked by
 * the decoder; the role, id and county come from the configured claims. A token without a known
 * role, or a county role without a county, is not valid.
 */
public final class JwtAuthenticator implements Authenticator {

    private final ReactiveJwtDecoder decoder;
    private final GatewayProperties.Jwt claims;

    public JwtAuthenticator(ReactiveJwtDecoder decoder, GatewayProperties.Jwt claims) {
        this.decoder = decoder;
        this.claims = claims;
    }

    @Override
    public Mono<Principal> authenticate(String token) {
        return decoder.decode(token).flatMap(jwt -> Mono.justOrEmpty(principal(jwt))).onErrorResume(e -> Mono.empty());
    }

    private Principal principal(Jwt jwt) {
        String role = jwt.getClaimAsString(claims.roleClaim());
        if (role == null) {
            return null;
        }
        try {
            Principal.Role r = Principal.Role.valueOf(role.toUpperCase(Locale.ROOT));
            if (r == Principal.Role.SERVICE) {
                return null;
            }
            String id = jwt.getClaimAsString(claims.idClaim());
            String county = jwt.getClaimAsString(claims.countyClaim());
            return new Principal(r, id != null ? id : r == Principal.Role.COUNTY ? county : jwt.getSubject(), county);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
