package cn.yq.aq.ingest.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import cn.yq.aq.ingest.pipeline.Channel;
import cn.yq.aq.ingest.pipeline.IngestPipeline;
import cn.yq.aq.ingest.reading.Kind;
import cn.yq.aq.ingest.reading.Rejection;
import cn.yq.aq.ingest.system.IngestProperties;
import cn.yq.aq.support.mqtt.Subscriber;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The MQTT intake: Paho v5, subscription {@code aq/v1/#} at QoS 1 (with several replicas the shared
 * subscription {@code $share/ingest/aq/v1/#}), a persistent session (clean start off, session expiry), automatic reconnect that resubscribes, and
 * manual acknowledgements: a message is acked only once its point is in InfluxDB, or once its dead
 * letter is published. Until then the broker holds it, across our restarts and InfluxDB outages.
 */
@Component("mqtt") // also the health indicator "mqtt"
public class MqttIngest implements MqttCallback, SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(MqttIngest.class);

    private final IngestProperties.Mqtt config;
    private final IngestPipeline pipeline;
    private final DeadLetters deadLetters;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mqtt-connect");
        t.setDaemon(true);
        return t;
    });
    private final DeadLetterOutbox outbox;
    private final MeterRegistry meters;
    private final java.util.Map<String, io.micrometer.core.instrument.Counter> deadLetterCounters =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger droppedLogged = new AtomicInteger();
    private volatile MqttAsyncClient client;
    private volatile boolean running;
    private volatile int failedAttempts;


    public MqttIngest(IngestProperties properties, IngestPipeline pipeline, DeadLetters deadLetters, MeterRegistry meters) {
        this.config = properties.mqtt();
        this.pipeline = pipeline;
        this.deadLetters = deadLetters;
        this.meters = meters;
        this.outbox = new DeadLetterOutbox(config.deadLetterWindow());
        meters.gauge("aq.ingest.inflight", inFlight);
        meters.gauge("aq.ingest.deadletters.pending", outbox, DeadLetterOutbox::pending);
    }

    @Override
    public void start() {
        if (!config.enabled()) {
            return;
        }
        running = true;
        connector.execute(this::connect);
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(config.sessionExpiry().toSeconds());
        // reconnecting is ours (see disconnected): Paho 1.2.5's automatic reconnect was seen not to
        // come back after a broker restart
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(30);
        o.setConnectionTimeout(10);
        o.setReceiveMaximum(config.receiveMaximum());
        if (config.username() != null && !config.username().isBlank()) {
            o.setUserName(config.username());
            o.setPassword(config.password() == null ? new byte[0] : config.password().getBytes(StandardCharsets.UTF_8));
        }
        return o;
    }

    /**
     * Connects with a fresh client object (same client id, so the same broker session), and keeps
     * trying (1 s, 2 s … 10 s apart) until the broker answers. A fresh object per connection: Paho
     * 1.2.5 was seen not to recover reliably from a lost connection, and an ack can only ever go
     * out on the connection its message came in on.
     */
    private void connect() {
        MqttAsyncClient old = client;
        if (!running || (old != null && old.isConnected())) {
            return;
        }
        closeQuietly(old);
        try {
            MqttAsyncClient c = new MqttAsyncClient(config.url(), config.clientId(), new MemoryPersistence());
            c.setManualAcks(true);
            c.setCallback(this);
            client = c;
            c.connect(options()).waitForCompletion(15_000);
            failedAttempts = 0;
        } catch (MqttException e) {
            long delay = Math.min(10, 1L << Math.min(failedAttempts++, 4));
            if (failedAttempts <= 3 || failedAttempts % 10 == 0) {
                log.warn("MQTT broker {} not reachable ({}); trying again in {} s", config.url(), e.getMessage(), delay);
            }
            connector.schedule(this::connect, delay, TimeUnit.SECONDS);
        }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        // on Paho's callback thread: subscribe asynchronously (never wait here), checked and tried again
        MqttAsyncClient connection = client;
        connector.execute(() -> Subscriber.untilAcknowledged(config.clientId(), connection,
                List.of(new MqttSubscription(config.subscription(), 1)), connector, () -> running && connection == client,
                () -> log.info("MQTT connected to {} as {}, subscribed to {}", serverURI, config.clientId(), config.subscription())));
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        int id = message.getId();
        int qos = message.getQos();
        // a message id means something only on the connection it came in on: a write that completes
        // after a reconnect is not acked (the broker sends the message again; storing it twice is harmless)
        MqttAsyncClient connection = client;
        byte[] payload = message.getPayload();
        if (topic.startsWith(config.deadLetterPrefix() + "/")) {
            ack(id, qos, connection); // our own dead letters, seen through the wildcard
            return;
        }
        inFlight.incrementAndGet();
        CompletableFuture<?> stored;
        String[] levels = topic.split("/", -1);
        if (levels.length == 4 && levels[0].equals("aq") && levels[1].equals("v1")) {
            stored = switch (levels[2]) {
                case "ambient" -> pipeline.acceptJson(Channel.MQTT, payload, Kind.AMBIENT, levels[3]);
                case "cems" -> pipeline.acceptJson(Channel.MQTT, payload, Kind.CEMS, levels[3]);
                case "hj212" -> pipeline.acceptHj212(Channel.MQTT, payload, levels[3]);
                default -> unknownTopic(topic);
            };
        } else {
            stored = unknownTopic(topic);
        }
        stored.whenComplete((ok, failure) -> {
            if (failure == null) {
                done(id, qos, connection);
                return;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof Rejection r) {
                publishDeadLetter(r, topic, payload).whenComplete((x, e) -> {
                    if (e instanceof DeadLetterOutbox.NotSent || e != null && e.getCause() instanceof DeadLetterOutbox.NotSent) {
                        inFlight.decrementAndGet(); // the connection is gone: the broker delivers it again on the next
                    } else {
                        done(id, qos, connection); // dead-lettered, or refused for good (counted as dropped): never held
                    }
                });
            } else {
                inFlight.decrementAndGet();
                log.warn("message on {} not stored ({}); left unacknowledged", topic, cause.toString());
            }
        });
    }

    private CompletableFuture<Object> unknownTopic(String topic) {
        Rejection r = new Rejection("unknown-topic", "topic " + Rejection.quote(topic)
                + " is not aq/v1/ambient/{station}, aq/v1/cems/{source} or aq/v1/hj212/{mn}");
        pipeline.countRejected(Channel.MQTT, r);
        return CompletableFuture.failedFuture(r);
    }

    /** Publishes the dead letter of an MQTT message. */
    public CompletableFuture<Void> publishDeadLetter(Rejection r, String origin, byte[] original) {
        return publishDeadLetter(r, Channel.MQTT, origin, original);
    }

    /**
     * Publishes a dead letter at QoS 1 through the outbox (flow-controlled, never blocking); completes
     * when the broker has it, with {@link DeadLetterOutbox.NotSent} if the connection went first, or
     * with the broker's refusal. Counted in {@code aq_ingest_deadletters_total{reason,outcome}}:
     * {@code published}, {@code not-sent} (comes again), {@code dropped} (refused for good: logged).
     */
    public CompletableFuture<Void> publishDeadLetter(Rejection r, Channel channel, String origin, byte[] original) {
        MqttAsyncClient c = client;
        CompletableFuture<Void> published = c == null
                ? CompletableFuture.failedFuture(new DeadLetterOutbox.NotSent("MQTT not connected"))
                : outbox.send(c, deadLetters.topic(r), deadLetters.payload(r, channel, origin, original));
        return published.whenComplete((x, e) -> {
            if (e == null) {
                deadLetterCounter(r.reason(), "published").increment();
            } else if (e instanceof DeadLetterOutbox.NotSent) {
                deadLetterCounter(r.reason(), "not-sent").increment();
            } else {
                deadLetterCounter(r.reason(), "dropped").increment();
                if (droppedLogged.getAndIncrement() % 1000 == 0) {
                    log.warn("dead letter {} from {} ({}) refused for good: {}; the message is acknowledged, counted as dropped",
                            r.reason(), channel.tag(), Rejection.quote(origin), e.toString());
                }
            }
        });
    }

    private io.micrometer.core.instrument.Counter deadLetterCounter(String reason, String outcome) {
        return deadLetterCounters.computeIfAbsent(reason + '|' + outcome, k -> io.micrometer.core.instrument.Counter
                .builder("aq.ingest.deadletters").tag("reason", reason).tag("outcome", outcome).register(meters));
    }

    private void done(int id, int qos, MqttAsyncClient connection) {
        inFlight.decrementAndGet();
        ack(id, qos, connection);
    }

    private void ack(int id, int qos, MqttAsyncClient connection) {
        if (connection != client || !connection.isConnected()) {
            return; // arrived on an earlier connection: the broker sends it again
        }
        try {
            connection.messageArrivedComplete(id, qos);
        } catch (MqttException | RuntimeException e) {
            // the connection dropped: the broker redelivers the message, the write is idempotent
            log.debug("ack of message {} failed: {}", id, e.toString());
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        log.warn("MQTT disconnected from {}: {}; reconnecting", config.url(), response);
        if (running) {
            connector.schedule(this::connect, 1, TimeUnit.SECONDS);
        }
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        log.warn("MQTT error: {}", exception.toString());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
    }

    @Override
    public void stop() {
        running = false;
        connector.shutdownNow();
        outbox.close();
        closeQuietly(client);
    }

    private static void closeQuietly(MqttAsyncClient c) {
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnect().waitForCompletion(5_000);
            }
        } catch (MqttException | RuntimeException e) {
            log.debug("MQTT disconnect: {}", e.toString());
        }
        try {
            c.close(true);
        } catch (MqttException | RuntimeException e) {
            log.debug("MQTT close: {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 10; // after the InfluxDB writer
    }

    public boolean isConnected() {
        MqttAsyncClient c = client;
        return c != null && c.isConnected();
    }

    @Override
    public Health health() {
        if (!config.enabled()) {
            return Health.up().withDetail("enabled", false).build();
        }
        return (isConnected() ? Health.up() : Health.down()).withDetail("url", config.url())
                .withDetail("clientId", config.clientId()).withDetail("inFlight", inFlight.get()).build();
    }
}
