package cn.yq.aq.support.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
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
 * goes to the session's own handler thread through a queue that the broker's flow control bounds
 * (at most {@code receiveMaximum} unacknowledged QoS 1 messages are in flight to us).
 */
public final class MqttSession implements MqttCallback {

    private static final Logger log = LoggerFactory.getLogger(MqttSession.class);

    /**
     * @param persistent    clean start off and a session that outlives the connection by {@code sessionExpiry}
     * @param receiveMaximum unacknowledged QoS 1 messages the broker may have in flight to us
     */
    public record Settings(String url, String clientId, String username, String password, boolean persistent,
                           Duration sessionExpiry, int receiveMaximum) {
    }

    /** Receives each message; calls {@code ack} once the message is safely handled. */
    @FunctionalInterface
    public interface Handler {
        void onMessage(String topic, MqttMessage message, Runnable ack);
    }

    private final Settings settings;
    private final List<MqttSubscription> subscriptions;
    private final Handler handler;
    private final Runnable onConnected;
    private final ScheduledExecutorService connector;
    private final java.util.concurrent.ThreadPoolExecutor dispatcher;
    private volatile MqttAsyncClient client;
    private volatile MqttAsyncClient subscribed;
    private volatile boolean running;
    private volatile int failedAttempts;

    public MqttSession(Settings settings, List<MqttSubscription> subscriptions, Handler handler, Runnable onConnected) {
        this.settings = settings;
        this.subscriptions = List.copyOf(subscriptions);
        this.handler = handler;
        this.onConnected = onConnected == null ? () -> { } : onConnected;
        this.connector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mqtt-connect-" + settings.clientId());
            t.setDaemon(true);
            return t;
        });
        // QoS 1 inflow is bounded by our receive maximum; the margin is for QoS 0 and redeliveries
        this.dispatcher = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(Math.max(1, settings.receiveMaximum()) * 2 + 1000), r -> {
                    Thread t = new Thread(r, "mqtt-handler-" + settings.clientId());
                    t.setDaemon(true);
                    return t;
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
        // on Paho's callback thread: only hand over, never handle here
        MqttAsyncClient connection = client;
        int id = message.getId();
        int qos = message.getQos();
        try {
            dispatcher.execute(() -> {
                try {
                    handler.onMessage(topic, message, () -> ack(id, qos, connection));
                } catch (RuntimeException e) {
                    log.error("MQTT {}: message on {} not handled ({}); it comes again after a reconnect",
                            settings.clientId(), topic, e.toString());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // beyond what flow control allows (or stopping): not acked, the broker sends it again
            log.error("MQTT {}: handler queue full, message on {} left for redelivery", settings.clientId(), topic);
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

    /** Publishes; completes when the broker has it (QoS 1: its PUBACK). */
    public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retained) {
        CompletableFuture<Void> published = new CompletableFuture<>();
        MqttAsyncClient c = client;
        if (c == null || !c.isConnected()) {
            published.completeExceptionally(new IllegalStateException("MQTT not connected to " + settings.url()));
            return published;
        }
        try {
            MqttMessage m = new MqttMessage(payload);
            m.setQos(qos);
            m.setRetained(retained);
            c.publish(topic, m, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    published.complete(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    published.completeExceptionally(e);
                }
            });
        } catch (MqttException | RuntimeException e) {
            published.completeExceptionally(e);
        }
        return published;
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
