package cn.yq.aq.alert.delivery.channel;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.concurrent.CompletionStage;

import org.springframework.stereotype.Component;

import cn.yq.aq.alert.subscription.Channel;

/** The webhook contract: the alert's JSON as raised, {@code X-AQ-Event-Id}, {@code X-AQ-Signature}. */
@Component
class WebhookTransport implements ChannelTransport<Channel.Webhook> {

    private final HttpDelivery http;

    WebhookTransport(HttpDelivery http) {
        this.http = http;
    }

    @Override
    public Class<Channel.Webhook> channelType() {
        return Channel.Webhook.class;
    }

    @Override
    public CompletionStage<Sent> send(String scope, Channel.Webhook c, Notice n) {
        HttpRequest request = http.request(URI.create(c.url())).header("X-AQ-Event-Id", n.id())
                .header("X-AQ-Event-Type", n.alert().type().name()).header("X-AQ-Signature", Signatures.sign(c.secret(), n.body()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(n.body())).build();
        return http.receiver(request);
    }
}
