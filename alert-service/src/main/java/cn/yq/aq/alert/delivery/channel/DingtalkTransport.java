package cn.yq.aq.alert.delivery.channel;

import cn.yq.aq.alert.texts.ChannelTexts;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import cn.yq.aq.alert.subscription.Channel;

/**
 * 钉钉 custom robot with 加签: {@code POST <address>&timestamp=…&sign=…} where {@code sign} is the
 * URL-encoded base64 HMAC-SHA256 of {@code timestamp\nsecret}; markdown, {@code at.atMobiles} on red
 * warnings; errcode 130101 is its frequency limit.
 */
@Component
class DingtalkTransport implements ChannelTransport<Channel.Dingtalk> {

    static final int FREQUENCY_LIMIT = 130101;

    private final HttpDelivery http;
    private final ScopeNames names;
    private final Clock clock;

    DingtalkTransport(HttpDelivery http, ScopeNames names, Clock clock) {
        this.http = http;
        this.names = names;
        this.clock = clock;
    }

    @Override
    public Class<Channel.Dingtalk> channelType() {
        return Channel.Dingtalk.class;
    }

    @Override
    public CompletionStage<Sent> send(String scope, Channel.Dingtalk c, Notice n) {
        long timestamp = clock.millis();
        String sign = URLEncoder.encode(sign(timestamp, c.secret()), StandardCharsets.UTF_8);
        List<String> at = ChannelTexts.atRed(n.alert()) ? c.atMobiles() : List.of();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("msgtype", "markdown");
        body.put("markdown", Map.of("title", n.alert().title(), "text", ChannelTexts.dingtalkMarkdown(n.alert(), names.forWhom(scope), at)));
        body.put("at", Map.of("atMobiles", at, "isAtAll", false));
        return http.robot(URI.create(c.url() + "&timestamp=" + timestamp + "&sign=" + sign), body, FREQUENCY_LIMIT);
    }

    /** DingTalk's 加签: base64(HMAC-SHA256(key = secret, data = timestamp + "\n" + secret)). */
    static String sign(long timestamp, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
