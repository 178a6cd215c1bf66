package cn.yq.aq.gateway.auth;

import java.util.Locale;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import cn.yq.aq.gateway.system.GatewayProperties;
import cn.yq.aq.support.security.Principal;
import reactor.core.publisher.Mono;

/**
 * JWTs from the bureau's OIDC issuer (production profile, Spring Security's resource server checks
 * signature, expiry and issuer): the caller's role, id and county come from the configured claims. A
 * token without a known role, claiming to be a service, or a county role without a county is not
 * valid (401).
 */
public final class JwtCallers implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

    private final GatewayProperties.Jwt claims;

    public JwtCallers(GatewayProperties.Jwt claims) {
        this.claims = claims;
    }

    @Override
    public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
        Principal who = principal(jwt);
        return who == null ? Mono.error(new InvalidBearerTokenException("the token names no valid role"))
                : Mono.just(new Caller(who));
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
