package cn.yq.aq.simulator.feed;

import picocli.CommandLine.Option;

/** The broker options every publishing command takes (a picocli mixin). */
public final class MqttOptions {

    @Option(names = "--mqtt-url", defaultValue = "tcp://127.0.0.1:${env:AQ_MQTT_PORT:-1883}")
    String url;

    @Option(names = "--username", defaultValue = "${env:AQ_MQTT_USERNAME}", description = "default: $AQ_MQTT_USERNAME")
    String username;

    @Option(names = "--password", defaultValue = "${env:AQ_MQTT_PASSWORD}", description = "default: $AQ_MQTT_PASSWORD")
    String password;

    @Option(names = "--window", defaultValue = "200", description = "QoS 1 messages in flight")
    int window;

    /**
     * A connected publisher. With an account its client id is the account's name (the broker binds
     * each device and simulator account to that one id); anonymous (tests), {@code <prefix>-<pid>}.
     */
    public Publisher connect(String clientIdPrefix) {
        boolean account = username != null && !username.isBlank();
        return new Publisher(url, account ? username : clientIdPrefix + "-" + ProcessHandle.current().pid(), username, password,
                window);
    }
}
