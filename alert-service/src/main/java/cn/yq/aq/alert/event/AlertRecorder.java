package cn.yq.aq.alert.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

import cn.yq.aq.alert.store.AlertHistory;
import cn.yq.aq.alert.system.AlertProperties;
import cn.yq.aq.alert.system.Stopping;
import cn.yq.aq.support.mqtt.MqttSession;
import cn.yq.aq.support.mqtt.SessionLifecycle;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes every raised alert to the history ({@code alert_events}) and feeds the SSE stream. Its own
 * persistent MQTT session on {@code aq/v1/alerts/+}: a copy is acknowledged only once InfluxDB has
 * it (while InfluxDB is down it is retried, and the broker keeps the rest). A city-wide alert arrives
 * once per county; the point is the same, and the stream sees it once.
 */
@Component("recorder")
public class AlertRecorder extends SessionLifecycle implements HealthIndicator, DurableConsumer {

    private static final Logger log = LoggerFactory.getLogger(AlertRecorder.class);

    private final MqttSession session;
    private final AlertHistory history;
    private final Retry retry;
    private final JsonMapper json;
    /** Writes the history (the InfluxDB client blocks): one thread, in the order the alerts came. */
    private final ThreadPoolTaskExecutor worker;
    private final Sinks.Many<Alert> stream = Sinks.many().multicast().directBestEffort();
    private final Set<String> seen = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 10_000;
        }
    });
    private volatile boolean everConnected;

    public AlertRecorder(AlertProperties properties, AlertHistory history, RetryRegistry retries,
                         ThreadPoolTaskExecutorBuilder executors, JsonMapper json) {
        super(10);
        this.json = json;
        this.worker = executors.corePoolSize(1).maxPoolSize(1).threadNamePrefix("alert-recorder-").build();
        this.worker.initialize();
        AlertProperties.Mqtt m = properties.mqtt();
        this.history = history;
        this.retry = retries.retry("alert-recorder", "recorder"); // the YAML policy: back-off up to 30 s, no limit
        this.session = new MqttSession(new MqttSession.Settings(m.url(), m.clientIdPrefix() + "-recorder", m.username(),
                m.password(), true, m.sessionExpiry(), m.receiveMaximum(), m.publishWindow()),
                List.of(MqttSession.qos1(AlertBus.TOPIC + "+", false)), this::onMessage, () -> everConnected = true);
    }

    private void onMessage(String topic, MqttMessage message, Runnable ack) {
        byte[] payload = message.getPayload();
        worker.execute(() -> record(topic, payload, ack));
    }

    @SuppressWarnings("unchecked")
    private void record(String topic, byte[] payload, Runnable ack) {
        Alert alert;
        try {
            alert = json.readValue(payload, Alert.class);
        } catch (RuntimeException e) {
            log.error("unreadable alert on {} dropped: {}", topic, e.toString());
            ack.run();
            return;
        }
        boolean known;
        synchronized (seen) {
            known = seen.contains(alert.id());
        }
        if (known) {
            ack.run(); // another county's copy of a city-wide alert: already recorded and streamed
            return;
        }
        try {
            retry.executeRunnable(() -> {
                if (!isRunning()) {
                    throw new Stopping();
                }
                try {
                    history.write(alert);
                } catch (RuntimeException e) {
                    log.warn("alert {} ({}, {}) not recorded yet ({}); trying again", alert.id(), alert.type(), alert.scope(),
                            e.getMessage());
                    throw e;
                }
            });
        } catch (RuntimeException e) {
            return; // stopping (or interrupted while waiting): not acked, the broker sends it again
        }
        ack.run();
        boolean first;
        synchronized (seen) {
            first = seen.add(alert.id());
        }
        if (first) {
            stream.tryEmitNext(alert);
        }
    }

    /** New alerts as they are recorded. */
    public Flux<Alert> stream() {
        return stream.asFlux();
    }

    @Override
    public boolean everConnected() {
        return everConnected;
    }

    @Override
    protected MqttSession session() {
        return session;
    }

    @Override
    protected void stopped() {
        worker.shutdown();
    }



    @Override
    public Health health() {
        return (session.isSubscribed() ? Health.up() : Health.down()).withDetail("clientId", session.clientId())
                .withDetail("queued", session.queued()).build();
    }
}
