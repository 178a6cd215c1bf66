package cn.yq.aq.gateway.routing;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import cn.yq.aq.support.web.ProblemResponses;
import reactor.core.publisher.Mono;

/** The circuit breakers' fallback: a fast 503 problem while a service is down or its breaker open. */
@RestController
class FallbackController {

    @RequestMapping("/fallback/{service}")
    Mono<Void> fallback(@PathVariable String service, ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().set("Retry-After", "10");
        return ProblemResponses.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "服务暂不可用，请稍后重试",
                service + " is not available now; try again shortly");
    }
}
