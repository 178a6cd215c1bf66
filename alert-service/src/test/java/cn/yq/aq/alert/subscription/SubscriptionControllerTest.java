package cn.yq.aq.alert.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.yq.aq.support.security.GatewaySecurityAutoConfiguration;
import cn.yq.aq.support.security.Principal;
import cn.yq.aq.support.security.PrincipalHeaders;
import cn.yq.aq.support.web.WebProblemsAutoConfiguration;
import cn.yq.aq.testsupport.GatewaySigner;
import cn.yq.aq.testsupport.Json;
import tools.jackson.databind.JsonNode;

/**
 * The subscription API alone (a WebFlux slice: the controller, Jackson, Bean Validation, the gateway
 * signature filter and the problem details; the store mocked): what a county may see of a
 * subscription, what it may not do, and that a body breaking the contract stores nothing.
 */
@WebFluxTest(SubscriptionController.class)
@ImportAutoConfiguration({GatewaySecurityAutoConfiguration.class, WebProblemsAutoConfiguration.class})
@TestPropertySource(properties = "aq.security.gateway-secret=" + GatewaySigner.SECRET)
class SubscriptionControllerTest {

    static final String SECRET = "hook-secret-0123456789";

    @Autowired
    WebTestClient client;
    @MockitoBean
    Subscriptions subscriptions;

    /** A request as the gateway forwards it for {@code who}. */
    static WebTestClient.RequestHeadersSpec<?> as(Principal who, WebTestClient.RequestHeadersSpec<?> request) {
        return request.headers(h -> GatewaySigner.headers(who).forEach(h::set));
    }

    @Test
    void aCountyReadsItsOwnSubscriptionButNeverItsSecret() {
        when(subscriptions.of("pingding")).thenReturn(Optional.of(new Subscription(List.of(
                new Channel.Webhook("county-hook", "https://pd.example.cn/hook", SECRET, List.of(), null)))));
        String body = as(Principal.county("pingding"), client.get().uri("/api/v1/subscriptions/pingding")).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        JsonNode view = Json.parse(body);
        Json.assertFields(view, "/county", "pingding", "/channels/0/kind", "webhook", "/channels/0/url", "https://pd.example.cn/hook");
        assertThat(body).doesNotContain(SECRET);
    }

    @Test
    void aCountyNeitherReadsAnothersNorWritesItsOwn() {
        as(Principal.county("pingding"), client.get().uri("/api/v1/subscriptions/yuxian")).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.title").isEqualTo("无权访问").jsonPath("$.reason").isEqualTo("forbidden");
        as(Principal.county("pingding"), client.put().uri("/api/v1/subscriptions/pingding").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"url\":\"https://evil.example/h\",\"secret\":\"0123456789abcdef\"}")).exchange()
                .expectStatus().isForbidden();
        verify(subscriptions, never()).put(anyString(), any());
    }

    @Test
    void aBodyBreakingTheContractIsAProblemInChineseAndStoresNothing() {
        as(Principal.bureau(), client.put().uri("/api/v1/subscriptions/pingding").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"channels\":[]}")).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("channels"))
                .jsonPath("$.title").value(t -> assertThat(t.toString()).matches(".*[\\u4e00-\\u9fa5].*"));
        verify(subscriptions, never()).put(anyString(), any());
    }

    @Test
    void withoutTheGatewaysSignatureNothingIsAnswered() {
        client.get().uri("/api/v1/subscriptions/pingding").exchange().expectStatus().isUnauthorized();
        client.get().uri("/api/v1/subscriptions/pingding").header(PrincipalHeaders.PRINCIPAL, "role=bureau;id=bureau;ts=1")
                .header(PrincipalHeaders.SIGNATURE, "00".repeat(32)).exchange().expectStatus().isUnauthorized();
        verify(subscriptions, never()).of(anyString());
    }
}
