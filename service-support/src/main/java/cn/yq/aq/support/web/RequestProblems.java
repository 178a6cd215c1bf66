package cn.yq.aq.support.web;

import java.util.stream.Collectors;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

import reactor.core.publisher.Mono;

/**
 * A request body refused by Bean Validation ({@code @Valid}) or unreadable (bad JSON, a value of
 * the wrong type) answers in the services' one problem shape ({@link Problems#detail}: reason
 * {@code bad-parameter}, title 请求参数错误), naming every field and what is wrong with it, e.g.
 * {@code channels[0].kind: must be webhook, wecom, dingtalk, sms or email}. Spring's other errors keep
 * its RFC 9457 answers. Declared by {@link WebProblemsAutoConfiguration} in every WebFlux service.
 */
@ControllerAdvice
public class RequestProblems extends ResponseEntityExceptionHandler {

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex, HttpHeaders headers,
                                                                        HttpStatusCode status, ServerWebExchange exchange) {
        String detail = ex.getBindingResult().getAllErrors().stream()
                .map(e -> (e instanceof FieldError f ? f.getField() + ": " : "") + e.getDefaultMessage())
                .sorted().collect(Collectors.joining("; "));
        return answer(detail, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex, HttpHeaders headers,
                                                                        HttpStatusCode status, ServerWebExchange exchange) {
        Throwable cause = ex.getMostSpecificCause();
        String detail = "the request body cannot be read" + (cause == ex ? "" : ": " + firstLine(cause.getMessage()));
        return answer(detail, exchange);
    }

    private static Mono<ResponseEntity<Object>> answer(String detail, ServerWebExchange exchange) {
        ProblemDetail p = Problems.detail(HttpStatus.BAD_REQUEST, "bad-parameter", "请求参数错误", detail);
        p.setInstance(java.net.URI.create(exchange.getRequest().getPath().value()));
        return Mono.just(ResponseEntity.badRequest().body(p));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
