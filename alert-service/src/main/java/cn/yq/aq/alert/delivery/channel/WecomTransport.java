package cn.yq.aq.alert.delivery.channel;

import cn.yq.aq.alert.texts.ChannelTexts;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.springframework.stereotype.Component;

import cn.yq.aq.alert.subscription.Channel;

/**
 * 企业微信 group robot: {@code POST <webhook address>} {@code {"msgtype":"markdown","markdown":{"content":…}}};
 * errcode 45009 is its frequency limit.
 */
@Component
class WecomTransport implements ChannelTransport<Channel.Wecom> {

    static final int FREQUENCY_LIMIT = 45009;

    private final HttpDelivery http;
    private final ScopeNames names;

    WecomTransport(HttpDelivery http, ScopeNames names) {
        this.http = http;
        this.names = names;
    }

    @Override
    public Class<Channel.Wecom> channelType() {
        return Channel.Wecom.class;
    }

    @Override
    public CompletionStage<Sent> send(String scope, Channel.Wecom c, Notice n) {
        Map<String, Object> body = Map.of("msgtype", "markdown", "markdown",
                Map.of("content", ChannelTexts.wecomMarkdown(n.alert(), names.forWhom(scope))));
        return http.robot(URI.create(c.url()), body, FREQUENCY_LIMIT);
    }
}
