package cn.yq.aq.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import cn.yq.aq.gateway.system.GatewayProperties;
import cn.yq.aq.support.security.Principal;

/** The two ways a bearer token becomes a caller, as Spring Security's resource server runs them. */
public class AuthenticatorsTest {

    /** The caller the manager makes of {@code token}, or null when it refuses the token. */
    static Principal caller(org.springframework.security.authentication.ReactiveAuthenticationManager manager, String token) {
        try {
            Authentication a = manager.authenticate(new BearerTokenAuthenticationToken(token)).block();
            return a == null ? null : (Principal) a.getPrincipal();
        } catch (org.springframework.security.core.AuthenticationException e) {
            return null;
        }
    }

    public static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    public static String jwt(KeyPair key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
        return jwt.serialize();
    }

    static final GatewayProperties.Jwt CLAIMS = new GatewayProperties.Jwt(null, null, null, "aq_role", "aq_county", "aq_id");

    @Test
    void aSignedJwtWithRoleAndCountyClaimsIsThatCounty() throws Exception {
        KeyPair key = rsa();
        JwtReactiveAuthenticationManager auth = new JwtReactiveAuthenticationManager(
                NimbusReactiveJwtDecoder.withPublicKey((RSAPublicKey) key.getPublic()).build());
        auth.setJwtAuthenticationConverter(new JwtCallers(CLAIMS));
        Instant now = Instant.now();
        JWTClaimsSet county = new JWTClaimsSet.Builder().subject("official-17").claim("aq_role", "county")
                .claim("aq_county", "pingding").issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).build();
        assertThat(caller(auth, jwt(key, county))).isEqualTo(Principal.county("pingding"));

        // expired, signed by another key, without a role, or claiming to be a service: not valid
        JWTClaimsSet expired = new JWTClaimsSet.Builder(county).expirationTime(Date.from(now.minusSeconds(600))).build();
        assertThat(caller(auth, jwt(key, expired))).isNull();
        assertThat(caller(auth, jwt(rsa(), county))).isNull();
        JWTClaimsSet noRole = new JWTClaimsSet.Builder(county).claim("aq_role", null).build();
        assertThat(caller(auth, jwt(key, noRole))).isNull();
        JWTClaimsSet service = new JWTClaimsSet.Builder(county).claim("aq_role", "service").build();
        assertThat(caller(auth, jwt(key, service))).isNull();
        assertThat(caller(auth, "not-a-jwt")).isNull();
    }

    @Test
    void opaqueTokensAreLookedUpByTheirHashOnly() {
        // SHA-256("tok-bureau") computed independently: printf %s tok-bureau | sha256sum
        TokenAuthenticationManager auth = new TokenAuthenticationManager(List.of(new GatewayProperties.Client(
                "b7dffba94dafdc8a96d6f1e560c1cd818314b8479bd13f9b0dac2243bd0348ed", "bureau", "bureau", null)));
        assertThat(caller(auth, "tok-bureau")).isEqualTo(Principal.bureau());
        assertThat(caller(auth, "tok-bureau ")).isNull();
        assertThat(caller(auth, "TOK-BUREAU")).isNull();
    }
}
