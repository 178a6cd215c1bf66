package cn.yq.aq.alert.subscription;

import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import cn.yq.aq.support.security.Principal;
import cn.yq.aq.support.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code PUT /api/v1/subscriptions/{county}} (bureau): where a county's (or the city's) notifications go. */
@RestController
@RequestMapping("/api/v1/subscriptions")
class SubscriptionController {

    private final Subscriptions subscriptions;

    SubscriptionController(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Operation(summary = "Set the channels of a county's (or the city's) notifications: webhook, wecom, dingtalk, sms, email (bureau)")
    @PutMapping("/{county}")
    Mono<View> put(@PathVariable String county, @Valid @RequestBody Mono<SubscriptionRequest> body,
                                  ServerWebExchange exchange) {
        // who may, then which county, then the body: the body (read and validated when subscribed) comes last
        bureauOnly(exchange);
        subscriptions.requireKnown(county);
        // storing waits for the broker's acknowledgement: not on an event-loop thread
        return body.publishOn(Schedulers.boundedElastic()).map(request -> view(county, subscriptions.put(county, request)));
    }

    @Operation(summary = "A county's subscription, without any secret (bureau, or the county itself)")
    @GetMapping("/{county}")
    View get(@PathVariable String county, ServerWebExchange exchange) {
        if (!Principal.of(exchange).mayRead(county)) {
            throw Problems.forbidden("a county reads only its own subscription");
        }
        return subscriptions.of(county).map(s -> view(county, s))
                .orElseThrow(() -> Problems.notFound("no-subscription", "该县区未设置接收地址", "no subscription for " + county));
    }

    static void bureauOnly(ServerWebExchange exchange) {
        Principal.requireBureau(exchange, false, "only the bureau sets where notifications go");
    }

    /** A subscription as the API shows it: each channel's settings, never a secret. */
    record View(String county, List<Map<String, Object>> channels) {
    }

    private static View view(String county, Subscription s) {
        return new View(county, s.channels().stream().map(Channel::view).toList());
    }
}
