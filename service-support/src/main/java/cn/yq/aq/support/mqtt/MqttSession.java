package cn.yq.aq.support.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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

/**
 * One MQTT v5 connection that stays up: Paho v5 with our own reconnect (a fresh client object per
 * connection, same client id, so the same broker session: Paho 1.2.5's automatic reconnect was seen
 * not to come back after a broker restart), subscribing on every connect, and manual acks: the
 * handler gets an ack that acknowledges the message on the connection it came in on (after a
 * reconnect the broker sends an unacknowledged message again).
 *
 * <p>Nothing ever waits on Paho's threads. Paho delivers messages and {@code connectComplete} on one
 * callback thread fed by a queue of ten; its receiver thread stops reading the socket while that
 * queue is full. Had the callback thread waited for a SUBACK (as it once did, in
 * {@code connectComplete}), a reconnect that brings more than ten retained or queued messages would
 * never read that SUBACK: the session stayed half-started for ever. So: the subscribe is
 * asynchronous, checked and tried again until it succeeds, also when the broker refuses it
 * ({@link Subscriber}); {@code onConnected} runs on the session's own thread; every message
 * goes to the session's own handler thread through a bounded queue, unless the handler is a
 * {@link NonBlockingHandler} (it then runs on the callback thread: it must not wait for anything). When that queue is full, and only
 * then, Paho's callback thread waits for room: that is TCP backpressure, and safe because of the one
 * rule for handlers: <b>a handler never waits for anything that completes on this session's Paho
 * threads</b> (its own publishes' acknowledgements): it acks, hands over or writes elsewhere.
 * Publishes go out through the session's {@link Outbox}.
 */
public final class MqttSession implements MqttCallback {

    static {
        PahoLogging.install(); // before any client: Paho's loggers straight to SLF4J, cheap per token
    }

    private static final Logger log = LoggerFactory.getLogger(MqttSession.class);

    /**
     * @param persistent    clean start off and a session that outlives the connection by {@code sessionExpiry}
     * @param receiveMaximum unacknowledged QoS 1 messages the broker may have in flight to us
     * @param publishWindow  our publishes the broker has not acknowledged yet, at most (the rest wait
     *                       in the {@link Outbox})
     */
    public record Settings(String url, String clientId, String username, String password, boolean persistent,
                           Duration sessionExpiry, int receiveMaximum, int publishWindow) {
    }

    /** Receives each message; calls {@code ack} once the message is safely handled. */
    @FunctionalInterface
    public interface Handler {
        void onMessage(String topic, MqttMessage message, Runnable ack);
    }

    /**
     * A handler that never waits for anything (it computes, queues elsewhere without blocking, publishes
     * through the outbox, acks later from another thread): it runs on Paho's callback thread itself, without
     * the hand-over to the session's handler thread, which cost ingest about 7 µs of CPU per message (a queue
     * put and a thread woken per message). E.g. {@code (MqttSession.NonBlockingHandler) this::onMessage}.
     */
    @FunctionalInterface
    public interface NonBlockingHandler extends Handler {
    }

    private final Settings settings;
    private final List<MqttSubscription> subscriptions;
    private final Handler handler;
    private final Runnable onConnected;
    private final ScheduledExecutorService connector;
    private final java.util.concurrent.ThreadPoolExecutor dispatcher;
    private final Outbox outbox;
    private volatile MqttAsyncClient client;
    private volatile MqttAsyncClient subscribed;
    private volatile boolean running;
    private volatile int failedAttempts;

    public MqttSession(Settings settings, List<MqttSubscription> subscriptions, Handler handler, Runnable onConnected) {
        this.settings = settings;
        this.subscriptions = List.copyOf(subscriptions);
        this.handler = handler;
        this.onConnected = onConnected == null ? () -> { } : onConnected;
        this.outbox = new Outbox(settings.publishWindow());
        this.connector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mqtt-connect-" + settings.clientId());
            t.setDaemon(true);
            return t;
        });
        // a full queue holds Paho's callback thread until the handler catches up: Paho's receiver then
        // stops reading and TCP holds the broker back. The broker's flow control is not enough on its
        // own: Mosquitto 2.0.11 was seen sending ingest more than twice its receive maximum of
        // unacknowledged messages (DeadLetterFloodIT lost them when this queue refused them).
        this.dispatcher = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(Math.max(1, settings.receiveMaximum()) * 2 + 1000), r -> {
                    Thread t = new Thread(r, "mqtt-handler-" + settings.clientId());
                    t.setDaemon(true);
                    return t;
                }, (task, executor) -> {
                    if (executor.isShutdown()) {
                        throw new java.util.concurrent.RejectedExecutionException("stopping");
                    }
                    try {
                        executor.getQueue().put(task);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.util.concurrent.RejectedExecutionException("interrupted", e);
                    }
                });
    }

    /** Messages handed over and not yet handled. */
    public int queued() {
        return dispatcher.getQueue().size();
    }

    /** Whether the current connection's subscriptions were acknowledged by the broker. */
    public boolean isSubscribed() {
        MqttAsyncClient c = client;
        return c != null && c == subscribed && c.isConnected();
    }

    /** A QoS 1 subscription; {@code noLocal}: not our own publications. */
    public static MqttSubscription qos1(String filter, boolean noLocal) {
        MqttSubscription s = new MqttSubscription(filter, 1);
        s.setNoLocal(noLocal);
        return s;
    }

    public void start() {
        running = true;
        connector.execute(this::connect);
    }

    /** Connects now, waiting up to {@code timeout}; true when connected. */
    public boolean startAndWait(Duration timeout) {
        start();
        long end = System.nanoTime() + timeout.toNanos();
        while (!isConnected() && System.nanoTime() < end) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return isConnected();
    }

    public String clientId() {
        return settings.clientId();
    }

    public String url() {
        return settings.url();
    }

    public boolean isConnected() {
        MqttAsyncClient c = client;
        return c != null && c.isConnected();
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(!settings.persistent());
        if (settings.persistent()) {
            o.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
        }
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(30);
        o.setConnectionTimeout(10);
        o.setReceiveMaximum(settings.receiveMaximum());
        if (settings.url().startsWith("tcp://")) {
            o.setSocketFactory(BufferedSockets.INSTANCE); // Paho reads packets a few bytes at a time
        }
        if (settings.username() != null && !settings.username().isBlank()) {
            o.setUserName(settings.username());
            o.setPassword(settings.password() == null ? new byte[0] : settings.password().getBytes(StandardCharsets.UTF_8));
        }
        return o;
    }

    private void connect() {
        MqttAsyncClient old = client;
        if (!running || (old != null && old.isConnected())) {
            return;
        }
        closeQuietly(old);
        try {
            MqttAsyncClient c = new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence());
            c.setManualAcks(true);
            c.setCallback(this);
            client = c;
            c.connect(options()).waitForCompletion(15_000);
            failedAttempts = 0;
        } catch (MqttException e) {
            long delay = Math.min(10, 1L << Math.min(failedAttempts++, 4));
            if (failedAttempts <= 3 || failedAttempts % 10 == 0) {
                log.warn("MQTT broker {} not reachable for {} ({}); trying again in {} s", settings.url(),
                        settings.clientId(), e.getMessage(), delay);
            }
            connector.schedule(this::connect, delay, TimeUnit.SECONDS);
        }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        // on Paho's callback thread: only hand over (subscribing waits for the broker)
        MqttAsyncClient connection = client;
        if (subscriptions.isEmpty()) { // a publisher only: an empty SUBSCRIBE is a malformed packet to the broker
            connector.execute(() -> subscribedTo(connection, serverURI));
            return;
        }
        connector.execute(() -> Subscriber.untilAcknowledged(settings.clientId(), connection, subscriptions, connector,
                () -> running && connection == client, () -> subscribedTo(connection, serverURI)));
    }

    private void subscribedTo(MqttAsyncClient connection, String serverURI) {
        if (connection != client) {
            return;
        }
        subscribed = connection;
        log.info("MQTT {} connected to {}, subscribed to {}", settings.clientId(), serverURI,
                subscriptions.stream().map(MqttSubscription::getTopic).toList());
        try {
            onConnected.run();
        } catch (RuntimeException e) {
            log.error("MQTT {}: after connecting: {}", settings.clientId(), e.toString());
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        // on Paho's callback thread: a non-blocking handler runs here, any other is handed over
        MqttAsyncClient connection = client;
        int id = message.getId();
        int qos = message.getQos();
        Runnable handle = () -> {
            try {
                handler.onMessage(topic, message, () -> ack(id, qos, connection));
            } catch (RuntimeException e) {
                log.error("MQTT {}: message on {} not handled ({}); it comes again after a reconnect",
                        settings.clientId(), topic, e.toString());
            }
        };
        if (handler instanceof NonBlockingHandler) {
            handle.run();
            return;
        }
        try {
            dispatcher.execute(handle);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping: not acked, the broker sends it again on the next connection
            log.info("MQTT {}: stopping, message on {} left for redelivery", settings.clientId(), topic);
        }
    }

    private void ack(int id, int qos, MqttAsyncClient connection) {
        if (qos == 0 || connection != client || !connection.isConnected()) {
            return; // arrived on an earlier connection: the broker sends it again
        }
        try {
            connection.messageArrivedComplete(id, qos);
        } catch (MqttException | RuntimeException e) {
            log.debug("ack of message {} failed: {}", id, e.toString());
        }
    }

    /**
     * Publishes through the {@link Outbox} (never blocks, never refused for being too many); completes
     * when the broker has it (QoS 1: its PUBACK), with {@link Outbox.NotSent} when the connection was
     * lost first, or with the broker's refusal.
     */
    public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retained) {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(qos);
        m.setRetained(retained);
        MqttAsyncClient c = client;
        return outbox.send(c == null || !c.isConnected() ? null : c, topic, m);
    }

    /** Publishes waiting in the outbox or not acknowledged yet. */
    public int pendingPublishes() {
        return outbox.pending();
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        log.warn("MQTT {} disconnected from {}: {}; reconnecting", settings.clientId(), settings.url(), response);
        if (running) {
            connector.schedule(this::connect, 1, TimeUnit.SECONDS);
        }
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        log.warn("MQTT {} error: {}", settings.clientId(), exception.toString());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
    }

    public void stop() {
        running = false;
        connector.shutdownNow();
        outbox.close();
        closeQuietly(client);
        dispatcher.shutdownNow();
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
}
