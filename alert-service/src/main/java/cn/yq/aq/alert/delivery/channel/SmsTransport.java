package cn.yq.aq.alert.delivery.channel;

import cn.yq.aq.alert.texts.ChannelTexts;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.springframework.stereotype.Component;

import cn.yq.aq.alert.subscription.Channel;
import cn.yq.aq.alert.system.AlertProperties;

/**
 * The bureau's HTTP SMS gateway ({@code aq.sms.*}): {@code POST url} {@code {phones, text, sign, eventId}}
 * with {@code Authorization: Bearer <apiKey>}; skipped while no gateway is configured.
 */
@Component
class SmsTransport implements ChannelTransport<Channel.Sms> {

    private final HttpDelivery http;
    private final AlertProperties.Sms sms;

    SmsTransport(HttpDelivery http, AlertProperties properties) {
        this.http = http;
        this.sms = properties.sms();
    }

    @Override
    public Class<Channel.Sms> channelType() {
        return Channel.Sms.class;
    }

    @Override
    public CompletionStage<Sent> send(String scope, Channel.Sms c, Notice n) {
        if (sms.url() == null || sms.url().isBlank()) {
            return CompletableFuture.completedFuture(Sent.SKIPPED);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("phones", c.phones());
        body.put("sign", sms.sign());
        body.put("text", ChannelTexts.sms(n.alert(), sms.sign()));
        body.put("eventId", n.id());
        HttpRequest.Builder request = http.request(URI.create(sms.url())).header("X-AQ-Event-Id", n.id())
                .POST(HttpRequest.BodyPublishers.ofString(http.json(body), StandardCharsets.UTF_8));
        if (sms.apiKey() != null && !sms.apiKey().isBlank()) {
            request.header("Authorization", "Bearer " + sms.apiKey());
        }
        return http.receiver(request.build());
    }
}
