package cn.yq.aq.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.yq.aq.ingest.deadletter.DeadLetterPublisher;
import cn.yq.aq.ingest.pipeline.Channel;
import cn.yq.aq.ingest.pipeline.IngestPipeline;
import cn.yq.aq.ingest.reading.JsonReadingParser;
import cn.yq.aq.ingest.reading.Measurement;
import cn.yq.aq.ingest.reading.Reading;
import cn.yq.aq.ingest.reading.Rejection;
import cn.yq.aq.ingest.validation.Claim;
import cn.yq.aq.ingest.system.IngestProperties;
import cn.yq.aq.support.security.Principal;
import cn.yq.aq.testsupport.Json;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/readings} as a WebTestClient slice: the controller alone, its pipeline and dead
 * letters stood in for, the caller set directly (the signed gateway header and the real storage are
 * ReadingsHttpIT's end-to-end paths). Each answer the controller decides is checked here: who may post,
 * the body's form, the 202/422/503 outcome from what the pipeline did, and a dead letter per refusal.
 */
class ReadingsControllerTest {

    static final String TIME = "2025-06-01T10:00:00+08:00";

    final IngestPipeline pipeline = mock(IngestPipeline.class);
    final DeadLetterPublisher deadLetters = mock(DeadLetterPublisher.class);

    WebTestClient client(Principal who, Duration storeTimeout) {
        IngestProperties properties = new IngestProperties(null, null,
                new IngestProperties.Validation(65536, Duration.ofMinutes(10), Map.of(), storeTimeout, Instant.EPOCH, java.util.Set.of()), null);
        ReadingsController controller = new ReadingsController(pipeline, new JsonReadingParser(tools.jackson.databind.json.JsonMapper.builder().build()), properties, deadLetters);
        return WebTestClient.bindToController(controller).webFilter((exchange, chain) -> {
            exchange.getAttributes().put(Principal.ATTRIBUTE, who);
            return chain.filter(exchange);
        }).httpMessageCodecs(codecs -> codecs.defaultCodecs().maxInMemorySize(2 * 1024 * 1024)) // as application.yml
                .build();
    }

    WebTestClient client(Principal who) {
        return client(who, Duration.ofSeconds(10));
    }

    static Principal station(String id) {
        return new Principal(Principal.Role.STATION, id, null);
    }

    static String reading(String station, double pm25) {
        return "{\"station\":\"" + station + "\",\"time\":\"" + TIME + "\",\"values\":{\"pm25\":" + pm25 + "}}";
    }

    static Reading stored(String station) {
        return new Reading(Measurement.AMBIENT, station, Instant.parse("2025-06-01T02:00:00Z"), Duration.ofHours(1),
                Map.of("pm25", 35.0), Map.of());
    }

    /** Posts and checks the status; a refusal is an RFC 9457 problem ({@code application/problem+json}). */
    JsonNode post(WebTestClient client, String body, int status) {
        WebTestClient.ResponseSpec spec = client.post().uri("/api/v1/readings").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isEqualTo(status);
        if (status >= 400) {
            spec.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        byte[] answer = spec.expectBody().returnResult().getResponseBody();
        return Json.parse(new String(answer, StandardCharsets.UTF_8));
    }

    @Test
    void aBodyThatIsNotJsonOrHoldsNoReadingIsA400ProblemAndNothingReachesThePipeline() {
        JsonNode notJson = post(client(Principal.bureau()), "{\"station\":", 400);
        Json.assertFields(notJson, "/type", "/problems/invalid-json", "/status", 400, "/reason", "invalid-json",
                "/title", "报文不是有效的JSON");
        Json.assertFields(post(client(Principal.bureau()), "[]", 400), "/reason", "invalid-reading");
        verify(pipeline, never()).acceptJson(any(), any(JsonNode.class), any());
    }

    @Test
    void moreThanFiveThousandReadingsAreRefusedWhole() {
        String many = "[" + String.join(",", java.util.Collections.nCopies(5001, reading("YQ-CQ-01", 30))) + "]";
        JsonNode problem = post(client(Principal.bureau()), many, 413);
        Json.assertFields(problem, "/reason", "too-many-readings", "/title", "单次提交的读数过多");
        assertThat(problem.path("detail").asString()).startsWith("5001 readings; at most 5000");
        verify(pipeline, never()).acceptJson(any(), any(JsonNode.class), any());
    }

    @Test
    void aStationPostsForItselfOnlyAndACountyNotAtAll() {
        // one foreign item in the array refuses the whole request, before anything is stored
        JsonNode foreign = post(client(station("YQ-CQ-01")), "[" + reading("YQ-CQ-01", 30) + "," + reading("YQ-CQ-02", 31) + "]", 403);
        Json.assertFields(foreign, "/reason", "forbidden", "/title", "无权上报该站点数据");
        assertThat(foreign.path("detail").asString()).contains("YQ-CQ-01", "YQ-CQ-02");
        Json.assertFields(post(client(Principal.county("chengqu")), reading("YQ-CQ-01", 30), 403), "/reason", "forbidden");
        verify(pipeline, never()).acceptJson(any(), any(JsonNode.class), any());
    }

    @Test
    void aStationsOwnReadingIsStoredBeforeThe202WithItsIdExpected() {
        when(pipeline.acceptJson(eq(Channel.HTTP), any(JsonNode.class), eq(Claim.station("YQ-CQ-01"))))
                .thenReturn(CompletableFuture.completedFuture(stored("YQ-CQ-01")));
        JsonNode answer = post(client(station("YQ-CQ-01")), reading("YQ-CQ-01", 35), 202);
        Json.assertFields(answer, "/stored", 1, "/rejected", 0, "/results/0/status", "stored", "/results/0/id", "YQ-CQ-01",
                "/results/0/time", "2025-06-01T02:00:00Z");
    }

    @Test
    void aMixedArrayIsA202WithAResultPerItemAndADeadLetterPerRefusal() {
        when(pipeline.acceptJson(eq(Channel.HTTP), any(JsonNode.class), eq(Claim.any()))).thenAnswer(call -> {
            JsonNode item = call.getArgument(1);
            return item.path("values").path("pm25").doubleValue() < 0
                    ? CompletableFuture.failedFuture(new Rejection("invalid-value", "pm25 -1.0 is below 0", "YQ-KQ-01"))
                    : CompletableFuture.completedFuture(stored(item.path("station").asString()));
        });
        JsonNode answer = post(client(Principal.bureau()), "[" + reading("YQ-CQ-01", 35) + "," + reading("YQ-KQ-01", -1) + "]", 202);
        Json.assertFields(answer, "/stored", 1, "/rejected", 1, "/results/0/index", 0, "/results/0/status", "stored",
                "/results/1/index", 1, "/results/1/status", "rejected", "/results/1/id", "YQ-KQ-01",
                "/results/1/problem/reason", "invalid-value", "/results/1/problem/title", "监测值无效",
                "/results/1/problem/status", 422);
        verify(deadLetters).publish(any(Rejection.class), eq(Channel.HTTP), eq("http:bureau:bureau"), any(byte[].class));
    }

    @Test
    void readingsNoneOfWhichIsValidAreA422NeverA500() {
        when(pipeline.acceptJson(eq(Channel.HTTP), any(JsonNode.class), eq(Claim.any())))
                .thenReturn(CompletableFuture.failedFuture(new Rejection("unknown-station", "YQ-XX-99 is not registered")));
        // one reading: the problem is that reading's
        Json.assertFields(post(client(Principal.bureau()), reading("YQ-XX-99", 30), 422), "/reason", "unknown-station",
                "/title", "未登记的监测站点", "/detail", "YQ-XX-99 is not registered", "/stored", 0, "/rejected", 1);
        // several: one problem for the request, each item's in its result
        JsonNode all = post(client(Principal.bureau()), "[" + reading("YQ-XX-99", 30) + "," + reading("YQ-XX-98", 30) + "]", 422);
        Json.assertFields(all, "/reason", "invalid-readings", "/title", "提交的读数均无效", "/rejected", 2,
                "/results/1/problem/reason", "unknown-station");
    }

    @Test
    void readingsTheDatabaseDidNotTakeInTimeAreA503ToRetry() {
        // the pipeline never completes (InfluxDB down): after the store timeout the caller is told to send again
        when(pipeline.acceptJson(eq(Channel.HTTP), any(JsonNode.class), any(Claim.class))).thenReturn(new CompletableFuture<>());
        byte[] body = client(station("YQ-CQ-01"), Duration.ofMillis(300)).post().uri("/api/v1/readings")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(reading("YQ-CQ-01", 35)).exchange()
                .expectStatus().isEqualTo(503).expectHeader().valueEquals("Retry-After", "5")
                .expectBody().returnResult().getResponseBody();
        Json.assertFields(Json.parse(new String(body, StandardCharsets.UTF_8)), "/reason", "storage-unavailable",
                "/title", "数据库暂不可用，请稍后重试", "/stored", 0, "/results/0/status", "retry");
        verify(deadLetters, never()).publish(any(), any(), anyString(), any());
    }
}
