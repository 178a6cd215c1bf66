package cn.yq.aq.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.nimbusds.jwt.JWTClaimsSet;

import cn.yq.aq.gateway.auth.AuthenticatorsTest;
import cn.yq.aq.testsupport.BootJar;
import cn.yq.aq.testsupport.Json;

/**
 * The packaged gateway in the production profile: an OAuth 2 resource server taking the bureau's
 * OIDC issuer's JWTs (here its public key as a PEM file): a county's signed token reads its own and
 * is refused another's, an expired or foreign-signed one is 401, and the opaque local tokens mean
 * nothing there.
 */
class GatewayOidcIT {

    @TempDir
    Path dir;

    @Test
    void inProductionTheIssuersJwtsAreTheTokens() throws Exception {
        KeyPair issuer = AuthenticatorsTest.rsa();
        Path pem = dir.resolve("issuer.pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(issuer.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        List<String> args = new java.util.ArrayList<>(List.of("--spring.profiles.active=prod", "--aq.gateway.auth.jwt.public-key-location=" + pem));
        args.addAll(Door.clients()); // ignored in jwt mode
        try (BootJar gateway = BootJar.ofModule(args).start()) {
            Instant now = Instant.now();
            JWTClaimsSet pingding = new JWTClaimsSet.Builder().subject("official-17").claim("aq_role", "county")
                    .claim("aq_county", "pingding").issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).build();
            String token = AuthenticatorsTest.jwt(issuer, pingding);

            Door.Response stations = Door.call(gateway.url(), "GET", "/api/v1/stations", token, null);
            assertThat(stations.status()).as(stations.body()).isEqualTo(200);
            assertThat(Json.values(Json.parse(stations.body()), "id")).contains("YQ-PD-01");
            Door.Response other = Door.call(gateway.url(), "GET", "/api/v1/subscriptions/yuxian", token, null);
            assertThat(other.status()).isEqualTo(403);
            Json.assertFields(Json.parse(other.body()), "/reason", "forbidden", "/title", "无权访问");
            assertThat(Door.call(gateway.url(), "POST", "/api/v1/admin/recompute", token, null).status()).isEqualTo(403);

            JWTClaimsSet expired = new JWTClaimsSet.Builder(pingding).expirationTime(Date.from(now.minusSeconds(600))).build();
            for (String refused : List.of(AuthenticatorsTest.jwt(issuer, expired), AuthenticatorsTest.jwt(AuthenticatorsTest.rsa(), pingding),
                    Door.BUREAU)) {
                Door.Response r = Door.call(gateway.url(), "GET", "/api/v1/stations", refused, null);
                assertThat(r.status()).isEqualTo(401);
                assertThat(r.headers().get("www-authenticate")).contains("Bearer");
                Json.assertFields(Json.parse(r.body()), "/reason", "unauthorized", "/title", "未认证或令牌无效");
            }
            assertThat(Door.call(gateway.url(), "GET", "/actuator/health", null, null).status()).isEqualTo(200);
        }
    }
}
