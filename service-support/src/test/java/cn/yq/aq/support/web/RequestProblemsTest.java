package cn.yq.aq.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The problem a service answers for a body refused by {@code @Valid} or unreadable: a WebTestClient
 * slice (one controller, the advice, Bean Validation; no server, no jar). Without the advice, Spring's
 * default answer has neither our {@code reason} nor the Chinese title nor the field in the detail.
 */
class RequestProblemsTest {

    record Day(@NotBlank(message = "is required") String date, @Max(value = 500, message = "must be 0 to 500") int aqi) {
    }

    record Body(@NotBlank(message = "is required") String scope, @Size(min = 1, message = "must hold 1 to 15 days") List<@Valid Day> days) {
    }

    @RestController
    static class Forecasts {
        @PostMapping("/forecasts")
        Mono<String> post(@Valid @RequestBody Mono<Body> body) {
            return body.map(Body::scope);
        }
    }

    final WebTestClient client = WebTestClient.bindToController(new Forecasts()).controllerAdvice(new RequestProblems())
            .validator(validator()).build();

    static LocalValidatorFactoryBean validator() {
        LocalValidatorFactoryBean v = new LocalValidatorFactoryBean();
        v.setMessageInterpolator(new org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator());
        v.afterPropertiesSet();
        return v;
    }

    @Test
    void everyRefusedFieldIsNamedInOneProblem() {
        client.post().uri("/forecasts").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"scope\":\"\",\"days\":[{\"date\":\"2026-12-06\",\"aqi\":501}]}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/bad-parameter")
                .jsonPath("$.reason").isEqualTo("bad-parameter")
                .jsonPath("$.title").isEqualTo("请求参数错误")
                .jsonPath("$.status").isEqualTo(400)
                // sorted, each field with its message
                .jsonPath("$.detail").isEqualTo("days[0].aqi: must be 0 to 500; scope: is required")
                .jsonPath("$.instance").isEqualTo("/forecasts");
    }

    @Test
    void anUnreadableBodyIsTheSameKindOfProblem() {
        byte[] body = client.post().uri("/forecasts").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"scope\":\"city\",\"days\":[{\"aqi\":\"high\"}]}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.reason").isEqualTo("bad-parameter")
                .returnResult().getResponseBody();
        assertThat(JsonMapper.builder().build().readTree(body).path("detail").stringValue()).startsWith("the request body cannot be read");
    }

    @Test
    void aValidBodyPasses() {
        client.post().uri("/forecasts").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"scope\":\"city\",\"days\":[{\"date\":\"2026-12-06\",\"aqi\":120}]}")
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("city");
    }
}
