package cn.yq.aq.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A small MQTT v5 client for tests and benchmarks: QoS 1 publishing (one at a time, or many in
 * flight at full speed with the broker's PUBACK counted), and subscriptions that collect what
 * arrives, optionally with a persistent session.
 */
public final class MqttTestClient implements MqttCallback, AutoCloseable {

    /** A received message. */
    public record Received(String topic, byte[] payload, long nanos) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final MqttAsyncClient client;
    private final MqttConnectionOptions options = new MqttConnectionOptions();
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final AtomicInteger arrivals = new AtomicInteger();

    /** A clean-session client (nothing kept when it disconnects). */
    public MqttTestClient(String url, String clientId) {
        this(url, clientId, false, null, null);
    }

    /**
     * @param persistent clean start off and a one-hour session expiry: the broker keeps what the
     *                   client misses while away
     */
    public MqttTestClient(String url, String clientId, boolean persistent, String username, String password) {
        try {
            client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
        client.setCallback(this);
        options.setCleanStart(!persistent);
        options.setSessionExpiryInterval(persistent ? 3600L : 0L);
        options.setAutomaticReconnect(false);
        if (username != null) {
            options.setUserName(username);
            options.setPassword(password == null ? new byte[0] : password.getBytes(StandardCharsets.UTF_8));
        }
        connect();
    }

    /** Connects (again). */
    public MqttTestClient connect() {
        try {
            client.connect(options).waitForCompletion(10_000);
            return this;
        } catch (MqttException e) {
            throw new IllegalStateException("cannot connect to " + client.getServerURI() + ": " + e.getMessage(), e);
        }
    }

    public void disconnect() {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
    }

    public MqttTestClient subscribe(String filter) {
        try {
            client.subscribe(filter, 1).waitForCompletion(10_000);
            return this;
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes one QoS 1 message and waits for the broker's PUBACK. */
    public void publish(String topic, byte[] payload) {
        publish(topic, payload, false);
    }

    /** Publishes one retained QoS 1 message and waits for the broker's PUBACK. */
    public void publishRetained(String topic, byte[] payload) {
        publish(topic, payload, true);
    }

    private void publish(String topic, byte[] payload, boolean retained) {
        try {
            MqttMessage m = new MqttMessage(payload);
            m.setQos(1);
            m.setRetained(retained);
            client.publish(topic, m).waitForCompletion(10_000);
        } catch (MqttException e) {
            throw new IllegalStateException("publish to " + topic + " failed: " + e.getMessage(), e);
        }
    }

    public void publish(String topic, String payload) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    /** A message to publish. */
    public record Message(String topic, byte[] payload) {
    }

    /**
     * Publishes at QoS 1 as fast as the broker acknowledges, with up to {@code window} messages in
     * flight; returns once every message has its PUBACK or has failed. Returns the failed ones (e.g.
     * the connection dropped), for the caller to publish again.
     */
    public List<Message> publishAll(List<Message> messages, int window) {
        Semaphore permits = new Semaphore(window);
        List<Message> failures = new ArrayList<>();
        try {
            for (Message msg : messages) {
                permits.acquire();
                if (!client.isConnected()) {
                    synchronized (failures) {
                        failures.add(msg);
                    }
                    permits.release();
                    continue;
                }
                MqttMessage m = new MqttMessage(msg.payload());
                m.setQos(1);
                try {
                    client.publish(msg.topic(), m, null, new MqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken token) {
                            permits.release();
                        }

                        @Override
                        public void onFailure(IMqttToken token, Throwable e) {
                            synchronized (failures) {
                                failures.add(msg);
                            }
                            permits.release();
                        }
                    });
                } catch (MqttException e) {
                    synchronized (failures) {
                        failures.add(msg);
                    }
                    permits.release();
                }
            }
            if (!permits.tryAcquire(window, 120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("PUBACKs missing after 120 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return failures;
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /** The next message, or {@code null} after the timeout. */
    public Received next(Duration timeout) {
        try {
            return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Everything received so far (drained). */
    public List<Received> drain() {
        List<Received> all = new ArrayList<>();
        received.drainTo(all);
        return all;
    }

    /** Messages received since the start (not drained). */
    public int arrivals() {
        return arrivals.get();
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        arrivals.incrementAndGet();
        received.add(new Received(topic, message.getPayload(), System.nanoTime()));
    }

    @Override
    public void close() {
        try {
            disconnect();
            client.close();
        } catch (MqttException | RuntimeException e) {
            // closing a client of a broker that is gone
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
    }
}
