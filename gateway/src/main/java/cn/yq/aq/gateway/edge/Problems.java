package cn.yq.aq.gateway.edge;

import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/** RFC 9457 problem details written by the gateway itself (401, 403, 429, 503). */
final class Problems {

    private Problems() {
    }

    static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String reason, String titleZh, String detail) {
        var response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        String body = "{\"type\":\"/problems/" + reason + "\",\"title\":\"" + titleZh + "\",\"status\":" + status.value()
                + ",\"detail\":\"" + escape(detail) + "\",\"reason\":\"" + reason + "\",\"instance\":\""
                + escape(exchange.getRequest().getPath().value()) + "\"}";
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
