package cn.yq.aq.support.mqtt;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes without ever waiting: the SUBSCRIBE goes out asynchronously from the caller's own
 * scheduler (never Paho's callback thread, which must stay free to take the messages the broker
 * sends before the SUBACK); a SUBACK that does not come within the timeout, a failure or a refusal
 * (reason code 0x80 or above) sends it again, with back-off, for as long as the connection is the
 * current one.
 */
public final class Subscriber {

    private static final Logger log = LoggerFactory.getLogger(Subscriber.class);
    static final long TIMEOUT_MILLIS = 10_000;

    private Subscriber() {
    }

    /**
     * @param name         whose subscription (for the log)
     * @param current      whether {@code connection} is still the one to subscribe on
     * @param onSubscribed run on {@code scheduler} once the broker granted every subscription
     */
    public static void untilAcknowledged(String name, MqttAsyncClient connection, List<MqttSubscription> subscriptions,
                                         ScheduledExecutorService scheduler, BooleanSupplier current, Runnable onSubscribed) {
        attempt(name, connection, subscriptions, scheduler, current, onSubscribed, 0);
    }

    private static void attempt(String name, MqttAsyncClient connection, List<MqttSubscription> subscriptions,
                                ScheduledExecutorService scheduler, BooleanSupplier current, Runnable onSubscribed, int attempt) {
        if (!current.getAsBoolean() || !connection.isConnected()) {
            return; // a newer connection subscribes for itself
        }
        AtomicBoolean settled = new AtomicBoolean();
        Runnable again = () -> {
            if (settled.compareAndSet(false, true)) {
                scheduler.schedule(() -> attempt(name, connection, subscriptions, scheduler, current, onSubscribed, attempt + 1),
                        Math.min(10_000, 500L << Math.min(attempt, 5)), TimeUnit.MILLISECONDS);
            }
        };
        List<String> topics = subscriptions.stream().map(MqttSubscription::getTopic).toList();
        try {
            connection.subscribe(subscriptions.toArray(MqttSubscription[]::new), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] codes = token.getReasonCodes();
                    if (codes != null && Arrays.stream(codes).anyMatch(code -> code >= 0x80)) {
                        log.error("MQTT {}: the broker refused the subscription to {} (reason codes {}); trying again", name, topics,
                                Arrays.toString(codes));
                        again.run();
                    } else if (settled.compareAndSet(false, true)) {
                        scheduler.execute(onSubscribed);
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    log.warn("MQTT {}: subscribe to {} failed ({}); trying again", name, topics, String.valueOf(e));
                    again.run();
                }
            }, new MqttProperties());
        } catch (MqttException | RuntimeException e) {
            log.warn("MQTT {}: subscribe to {} failed ({}); trying again", name, topics, e.toString());
            again.run();
            return;
        }
        scheduler.schedule(() -> {
            if (!settled.get() && current.getAsBoolean() && connection.isConnected()) {
                log.warn("MQTT {}: no SUBACK for {} within {} s; subscribing again", name, topics, TIMEOUT_MILLIS / 1000);
                again.run();
            }
        }, TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }
}
