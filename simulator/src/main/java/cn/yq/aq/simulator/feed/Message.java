package cn.yq.aq.simulator.feed;

import java.nio.charset.StandardCharsets;

/** One MQTT message to publish. */
public record Message(String topic, byte[] payload) {

    public static Message of(String topic, String payload) {
        return new Message(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
