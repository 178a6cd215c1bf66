package cn.yq.aq.ingest.mqtt;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import cn.yq.aq.ingest.deadletter.DeadLetterPublisher;
import cn.yq.aq.ingest.pipeline.Channel;
import cn.yq.aq.ingest.pipeline.IngestPipeline;
import cn.yq.aq.ingest.reading.Hj212ReadingMapper;
import cn.yq.aq.ingest.reading.Measurement;
import cn.yq.aq.ingest.reading.Rejection;
import cn.yq.aq.ingest.system.IngestProperties;
import cn.yq.aq.ingest.validation.Claim;
import cn.yq.aq.ingest.system.StartOrder;
import cn.yq.aq.support.mqtt.MqttSession;
import cn.yq.aq.support.mqtt.Outbox;
import cn.yq.aq.support.mqtt.SessionLifecycle;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The MQTT intake on service-support's {@link MqttSession} (connect with back-off, a persistent
 * session: clean start off and session expiry, subscribe on every connect, manual acks). Its handler
 * is a {@link MqttSession.NonBlockingHandler}: it runs on Paho's callback thread and never waits. The subscription is {@code aq/v1/#} at QoS 1
 * (with several replicas the shared subscription {@code $share/ingest/aq/v1/#}). A message is acked
 * only once its point is in InfluxDB, or once its dead letter is published; until then the broker
 * holds it, across our restarts and InfluxDB outages. Every intake's dead letters go out through this
 * session's outbox ({@link DeadLetterPublisher}: flow-controlled, never refused for being too many).
 */
@Component("mqtt") // also the health indicator "mqtt"
public class MqttIngest extends SessionLifecycle implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(MqttIngest.class);

    private final IngestProperties.Mqtt config;
    private final IngestPipeline pipeline;
    private final DeadLetterPublisher deadLetters;
    private final MqttSession session;
    private final AtomicInteger inFlight = new AtomicInteger();

    public MqttIngest(IngestProperties properties, IngestPipeline pipeline, DeadLetterPublisher deadLetters, MeterRegistry meters) {
        super(StartOrder.MQTT_INTAKE); // after the InfluxDB writer and the web server
        this.config = properties.mqtt();
        this.pipeline = pipeline;
        this.deadLetters = deadLetters;
        this.session = new MqttSession(new MqttSession.Settings(config.url(), config.clientId(), config.username(),
                config.password(), true, config.sessionExpiry(), config.receiveMaximum(), config.deadLetterWindow()),
                List.of(new MqttSubscription(config.subscription(), 1)), (MqttSession.NonBlockingHandler) this::onMessage, null);
        deadLetters.sendThrough((topic, letter) -> session.publish(topic, letter, 1, false));
        meters.gauge("aq.ingest.inflight", inFlight);
        meters.gauge("aq.ingest.deadletters.pending", session, MqttSession::pendingPublishes);
    }

    @Override
    protected boolean enabled() {
        return config.enabled();
    }

    @Override
    protected MqttSession session() {
        return session;
    }

    /**
     * One message, on Paho's callback thread (a non-blocking handler: parsing and validating compute, the
     * writer's queue and the dead-letter outbox never wait): parsed, validated and handed to the writer; acked
     * when stored or dead-lettered. An ack goes out only on the connection the message came in on
     * (a write that completes after a reconnect is not acked: the broker sends the message again, and
     * storing it twice is harmless).
     */
    private void onMessage(String topic, MqttMessage message, Runnable ack) {
        byte[] payload = message.getPayload();
        if (topic.startsWith(config.deadLetterPrefix() + "/")) {
            ack.run(); // our own dead letters, seen through the wildcard
            return;
        }
        inFlight.incrementAndGet();
        CompletableFuture<?> stored;
        String[] levels = topic.split("/", -1);
        if (levels.length == 4 && levels[0].equals("aq") && levels[1].equals("v1")) {
            stored = switch (levels[2]) {
                case "ambient" -> pipeline.acceptJson(Channel.MQTT, payload, Claim.topic(Measurement.AMBIENT, levels[3]));
                case "cems" -> pipeline.acceptJson(Channel.MQTT, payload, Claim.topic(Measurement.CEMS, levels[3]));
                case "hj212" -> pipeline.acceptHj212(Channel.MQTT, payload, Claim.mn(levels[3]));
                default -> unknownTopic(topic);
            };
        } else {
            stored = unknownTopic(topic);
        }
        stored.whenComplete((ok, failure) -> {
            if (failure == null && ok instanceof Hj212ReadingMapper.Mapped m && !m.dropped().isEmpty()) {
                // stored; each value left out of it is a dead letter of its own, sent before the message is acknowledged
                CompletableFuture<?>[] letters = m.dropped().stream()
                        .map(r -> deadLetters.publish(r, Channel.MQTT, topic, payload)).toArray(CompletableFuture[]::new);
                CompletableFuture.allOf(letters).whenComplete((x, e) -> afterDeadLetter(e, ack));
                return;
            }
            if (failure == null) {
                done(ack);
                return;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof Rejection r) {
                deadLetters.publish(r, Channel.MQTT, topic, payload).whenComplete((x, e) -> afterDeadLetter(e, ack));
            } else {
                inFlight.decrementAndGet();
                log.warn("message on {} not stored ({}); left unacknowledged", topic, cause.toString());
            }
        });
    }

    private void afterDeadLetter(Throwable e, Runnable ack) {
        if (e instanceof Outbox.NotSent || e != null && e.getCause() instanceof Outbox.NotSent) {
            inFlight.decrementAndGet(); // the connection is gone: the broker delivers it again on the next
        } else {
            done(ack); // dead-lettered, or refused for good (counted as dropped): never held
        }
    }

    private void done(Runnable ack) {
        inFlight.decrementAndGet();
        ack.run();
    }

    private CompletableFuture<Object> unknownTopic(String topic) {
        Rejection r = new Rejection("unknown-topic", "topic " + Rejection.quote(topic)
                + " is not aq/v1/ambient/{station}, aq/v1/cems/{source} or aq/v1/hj212/{mn}");
        pipeline.countRejected(Channel.MQTT, r);
        return CompletableFuture.failedFuture(r);
    }

    public boolean isConnected() {
        return session.isConnected();
    }

    @Override
    public Health health() {
        if (!config.enabled()) {
            return Health.up().withDetail("enabled", false).build();
        }
        return (session.isSubscribed() ? Health.up() : Health.down()).withDetail("url", config.url())
                .withDetail("clientId", config.clientId()).withDetail("inFlight", inFlight.get())
                .withDetail("queued", session.queued()).build();
    }
}
