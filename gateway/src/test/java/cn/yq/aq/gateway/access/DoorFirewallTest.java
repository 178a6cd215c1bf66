package cn.yq.aq.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;

/** The one path form the door accepts: every variant the attacker's matrix uses is refused with its reason. */
class DoorFirewallTest {

    final DoorFirewall firewall = new DoorFirewall();

    /** The firewall's reason for refusing {@code rawPath}, or null when it lets it through. */
    String refusal(String rawPath) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.method(org.springframework.http.HttpMethod.GET, java.net.URI.create(rawPath)).build());
        try {
            return firewall.getFirewalledExchange(exchange).block() != null ? null : "no exchange";
        } catch (ServerExchangeRejectedException e) {
            return e.getMessage();
        }
    }

    @Test
    void canonicalPathsPass() {
        for (String p : List.of("/", "/api/v1/aqi/daily", "/api/v1/rankings/province/2025-11-ytd", "/actuator/health/readiness",
                "/api/v1/alerts/0f8c2a3e-1b2c-4d5e-8f90-123456789abc/ack", "/v3/api-docs/target-service", "/a_b~c.d",
                "/api/v1/a..b", "/api/v1/.hidden", "/api/v1/...")) {
            assertThat(refusal(p)).as(p).isNull();
        }
    }

    @Test
    void everyVariantIsRefusedWithItsReason() {
        // the strict firewall's own refusals
        assertThat(refusal("/api;x=1/v1/aqi/daily")).contains("\";\"");
        assertThat(refusal("/api//v1/aqi/daily")).contains("\"//\"");
        assertThat(refusal("/api/./v1/aqi/daily")).contains("not normalized");
        assertThat(refusal("/api/x/../v1/aqi/daily")).contains("not normalized");
        assertThat(refusal("/api%2fv1/aqi/daily")).contains("%2f");
        assertThat(refusal("/api/x/%2e%2e/v1")).contains("%2e");
        // any percent-encoding (told to the strict firewall)
        assertThat(refusal("/%61pi/v1/aqi/daily")).contains("\"%\"");
        assertThat(refusal("/api/v1/%41qi/daily")).contains("\"%\"");
        // beyond it: the canonical form's own two rules
        assertThat(refusal("/api/v1/aqi/daily/")).contains("ends with /");
        assertThat(refusal("/api/v1/aqi/daily\u00e9")).isNotNull();
        assertThat(DoorFirewall.problem("/api/v1/aqi/daily\u00e9")).contains("non-ASCII");
        assertThat(DoorFirewall.problem("/api/v1/a b")).contains("' '");
        assertThat(DoorFirewall.problem("/api/v1/a\u0001")).contains("U+0001");
        assertThat(DoorFirewall.problem("api/v1")).contains("does not start with /");
    }
}
