package cn.yq.aq.alert.delivery.channel;


import cn.yq.aq.alert.event.Alert;

/**
 * An alert on its way to a scope's channels: the alert and the contract's JSON body exactly as it
 * was raised (the webhook sends these bytes and signs them).
 */
public record Notice(Alert alert, byte[] body) {

    public String id() {
        return alert.id();
    }

    public static Notice parse(byte[] payload, tools.jackson.databind.json.JsonMapper json) {
        return new Notice(json.readValue(payload, Alert.class), payload);
    }
}
