package cn.yq.aq.target.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.yq.aq.support.security.GatewaySecurityAutoConfiguration;
import cn.yq.aq.support.security.Principal;
import cn.yq.aq.support.web.WebProblemsAutoConfiguration;
import cn.yq.aq.testsupport.GatewaySigner;

/**
 * The province ranking import alone (a WebFlux slice: the controller, the table readers, the gateway
 * signature filter and the problem details; the service mocked): the CSV as the province sends it
 * becomes the table the service ranks, and every refusal is a problem in Chinese that imports nothing.
 */
@WebFluxTest(ProvinceRankingController.class)
@ImportAutoConfiguration({GatewaySecurityAutoConfiguration.class, WebProblemsAutoConfiguration.class})
@TestPropertySource(properties = "aq.security.gateway-secret=" + GatewaySigner.SECRET)
class ProvinceRankingControllerTest {

    @Autowired
    WebTestClient client;
    @MockitoBean
    ProvinceRankingService service;

    /** A request as the gateway forwards it for {@code who}. */
    static WebTestClient.RequestHeadersSpec<?> as(Principal who, WebTestClient.RequestHeadersSpec<?> request) {
        return request.headers(h -> GatewaySigner.headers(who).forEach(h::set));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theProvincesCsvBecomesTheTableTheServiceRanks() {
        when(service.importTable(eq("2025-11"), any())).thenReturn(List.of(
                new ProvinceRankingService.Row("单位1", new BigDecimal("3.10"), 1), new ProvinceRankingService.Row("平定县", new BigDecimal("4.87"), 2)));
        as(Principal.bureau(), client.put().uri("/api/v1/rankings/province/2025-11").contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue("unit,compositeIndex\n单位1,3.10\n平定县,4.87\n")).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.period").isEqualTo("2025-11").jsonPath("$.units").isEqualTo(2);
        ArgumentCaptor<Map<String, BigDecimal>> table = ArgumentCaptor.forClass(Map.class);
        verify(service).importTable(eq("2025-11"), table.capture());
        assertThat(table.getValue()).containsExactlyInAnyOrderEntriesOf(Map.of("单位1", new BigDecimal("3.10"), "平定县", new BigDecimal("4.87")));
    }

    @Test
    void refusalsAreProblemsInChineseAndImportNothing() {
        // a county may not import
        as(Principal.county("pingding"), client.put().uri("/api/v1/rankings/province/2025-11").contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue("unit,compositeIndex\n平定县,4.87\n")).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.title").isEqualTo("无权访问");
        // a month that does not exist
        as(Principal.bureau(), client.put().uri("/api/v1/rankings/province/2025-13").contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue("unit,compositeIndex\n平定县,4.87\n")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.title").value(t -> assertThat(t.toString()).matches(".*[\\u4e00-\\u9fa5].*"));
        // an index that is not a number
        as(Principal.bureau(), client.put().uri("/api/v1/rankings/province/2025-11").contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue("unit,compositeIndex\n平定县,四点八\n")).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        verify(service, never()).importTable(anyString(), any());
    }

    @Test
    void aPeriodNotImportedIsA404Problem() {
        when(service.view("2025-10", cn.yq.aq.target.review.Data.REVIEWED)).thenReturn(Optional.empty());
        as(Principal.county("pingding"), client.get().uri("/api/v1/rankings/province/2025-10")).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.reason").isEqualTo("no-ranking").jsonPath("$.title").isEqualTo("未导入该期全省排名");
    }
}
