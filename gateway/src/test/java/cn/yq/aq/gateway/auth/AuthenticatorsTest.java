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
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import cn.yq.aq.gateway.system.GatewayProperties;
import cn.yq.aq.support.security.Principal;

class AuthenticatorsTest {

    static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    static String jwt(KeyPair key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
        return jwt.serialize();
    }

    static final GatewayProperties.Jwt CLAIMS = new GatewayProperties.Jwt(null, null, null, "aq_role", "aq_county", "aq_id");

    @Test
    void aSignedJwtWithRoleAndCountyClaimsIsThatCounty() throws Exception {
        KeyPair key = rsa();
        JwtAuthenticator auth = new JwtAuthenticator(NimbusReactiveJwtDecoder.withPublicKey((RSAPublicKey) key.getPublic()).build(), CLAIMS);
        Instant now = Instant.now();
        JWTClaimsSet county = new JWTClaimsSet.Builder().subject("official-17").claim("aq_role", "county")
                .claim("aq_county", "pingding").issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).build();
        assertThat(auth.authenticate(jwt(key, county)).block()).isEqualTo(Principal.county("pingding"));

        // expired, signed by another key, without a role, or claiming to be a service: not valid
        JWTClaimsSet expired = new JWTClaimsSet.Builder(county).expirationTime(Date.from(now.minusSeconds(600))).build();
        assertThat(auth.authenticate(jwt(key, expired)).block()).isNull();
        assertThat(auth.authenticate(jwt(rsa(), county)).block()).isNull();
        JWTClaimsSet noRole = new JWTClaimsSet.Builder(county).claim("aq_role", null).build();
        assertThat(auth.authenticate(jwt(key, noRole)).block()).isNull();
        JWTClaimsSet service = new JWTClaimsSet.Builder(county).claim("aq_role", "service").build();
        assertThat(auth.authenticate(jwt(key, service)).block()).isNull();
        assertThat(auth.authenticate("not-a-jwt").block()).isNull();
    }

    @Test
    void opaqueTokensAreLookedUpByTheirHashOnly() {
        // SHA-256("tok-bureau") computed independently: printf %s tok-bureau | sha256sum
        TokenAuthenticator auth = new TokenAuthenticator(List.of(new GatewayProperties.Client(
                "b7dffba94dafdc8a96d6f1e560c1cd818314b8479bd13f9b0dac2243bd0348ed", "bureau", "bureau", null)));
        assertThat(auth.authenticate("tok-bureau").block()).isEqualTo(Principal.bureau());
        assertThat(auth.authenticate("tok-bureau ").block()).isNull();
        assertThat(auth.authenticate("TOK-BUREAU").block()).isNull();
    }
}
