package cn.yq.aq.alert.state;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import cn.yq.aq.alert.system.AlertProperties;
import cn.yq.aq.support.mqtt.MqttSession;
import cn.yq.aq.support.mqtt.SessionLifecycle;

/**
 * alert-service's small state (webhook subscriptions, current warnings, open episodes) kept where we
 * already keep messages: retained QoS 1 messages on the broker (persistence on), under
 * {@code aq/v1/config/…} and {@code aq/v1/state/…}. At start the control session subscribes to both,
 * then publishes a marker to its own sync topic; the broker sends the retained messages before the
 * marker, so once the marker is back the snapshot is complete. Also publishes the alerts themselves.
 */
@Component("state")
public class StateStore extends SessionLifecycle implements HealthIndicator {

    public static final String STATE = "aq/v1/state/";
    public static final String CONFIG = "aq/v1/config/";
    static final String SYNC = "aq/v1/sync/";

    private final MqttSession session;
    private final String syncTopic;
    private final Map<String, String> retained = new ConcurrentHashMap<>();
    private volatile CountDownLatch ready = new CountDownLatch(1);

    public StateStore(AlertProperties properties) {
        super(0);
        AlertProperties.Mqtt m = properties.mqtt();
        String clientId = m.clientIdPrefix() + "-control-" + UUID.randomUUID().toString().substring(0, 8);
        this.syncTopic = SYNC + clientId;
        this.session = new MqttSession(new MqttSession.Settings(m.url(), clientId, m.username(), m.password(), false,
                Duration.ZERO, 1000, m.publishWindow()),
                List.of(MqttSession.qos1(STATE + "#", true), MqttSession.qos1(CONFIG + "#", true),
                        MqttSession.qos1(syncTopic, false)),
                this::onMessage, this::synchronise);
    }

    private void synchronise() {
        session.publish(syncTopic, new byte[] {'1'}, 1, false);
    }

    private void onMessage(String topic, org.eclipse.paho.mqttv5.common.MqttMessage message, Runnable ack) {
        if (topic.equals(syncTopic)) {
            ready.countDown();
        } else if (message.getPayload().length == 0) {
            retained.remove(topic);
        } else {
            retained.put(topic, new String(message.getPayload(), StandardCharsets.UTF_8));
        }
        ack.run();
    }

    /** Waits until the retained snapshot is loaded; false after {@code timeout}. */
    public boolean awaitReady(Duration timeout) {
        try {
            return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean isReady() {
        return ready.getCount() == 0;
    }

    /** The retained documents whose topic starts with {@code prefix}, by topic. */
    public Map<String, String> under(String prefix) {
        Map<String, String> out = new TreeMap<>();
        retained.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k, v);
            }
        });
        return out;
    }

    public String get(String topic) {
        return retained.get(topic);
    }

    /** Stores a document (retained, QoS 1); returns once the broker has it. */
    public void put(String topic, String json) {
        publish(topic, json.getBytes(StandardCharsets.UTF_8), true);
        retained.put(topic, json);
    }

    /** Removes a document (an empty retained message). */
    public void remove(String topic) {
        publish(topic, new byte[0], true);
        retained.remove(topic);
    }

    /** Publishes at QoS 1 and waits for the broker's acknowledgement. */
    public void publish(String topic, byte[] payload, boolean retain) {
        await(topic, session.publish(topic, payload, 1, retain));
    }

    /** Publishes several messages (not retained) at QoS 1 and waits until the broker has acknowledged them all. */
    public void publishAll(Map<String, byte[]> messages) {
        Map<String, CompletableFuture<Void>> sent = new java.util.LinkedHashMap<>();
        messages.forEach((topic, payload) -> sent.put(topic, session.publish(topic, payload, 1, false)));
        sent.forEach(this::await);
    }

    private void await(String topic, CompletableFuture<Void> published) {
        try {
            published.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("MQTT broker " + session.url() + " did not take " + topic + ": "
                    + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        }
    }

    @Override
    protected MqttSession session() {
        return session;
    }



    @Override
    public Health health() {
        boolean up = session.isSubscribed() && isReady();
        Health.Builder h = (up ? Health.up() : Health.down()).withDetail("url", session.url())
                .withDetail("stateLoaded", isReady()).withDetail("documents", retained.size()).withDetail("queued", session.queued());
        if (!up) {
            h.withDetail("waiting", !session.isConnected() ? "for the MQTT broker" : !session.isSubscribed()
                    ? "for the broker to acknowledge the state subscriptions" : "for the retained state to load (" + retained.size()
                    + " documents so far)");
        }
        return h.build();
    }
}
