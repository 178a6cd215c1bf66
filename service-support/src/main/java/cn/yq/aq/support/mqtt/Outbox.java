package cn.yq.aq.support.mqtt;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Every publish of an {@link MqttSession} goes out through its outbox: at the broker's pace, never
 * blocking and never refused by the client for being too many. Messages wait in a queue and at most
 * {@code window} are unacknowledged at once (Paho refuses a publish beyond the broker's receive
 * maximum with "too many publishes in progress"; a flood of invalid input once lost ingest's dead
 * letters that way). The queue needs no bound of its own where every message stands for an inbound
 * message not yet acked (ingest's dead letters: the broker sends no more of those than the receive
 * maximum) or for a caller waiting for it (alert-service). Completions arrive on Paho's callback
 * thread; they only start the next publishes (asynchronous), nothing waits there.
 */
public final class Outbox {

    /** The connection was lost before the broker took the message (an inbound original comes again). */
    public static final class NotSent extends RuntimeException {
        public NotSent(String message) {
            super(message, null, false, false);
        }
    }

    private record Letter(MqttAsyncClient connection, String topic, MqttMessage message, CompletableFuture<Void> done) {
    }

    private final int window;
    private final ConcurrentLinkedDeque<Letter> queue = new ConcurrentLinkedDeque<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean retryScheduled = new AtomicBoolean();
    private final ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "deadletter-retry");
        t.setDaemon(true);
        return t;
    });

    Outbox(int window) {
        this.window = Math.max(1, window);
    }

    /**
     * Queues a message on {@code connection} (null: not connected); completes when the broker
     * acknowledged it (QoS 0: when it is written), with {@link NotSent} when the connection went first,
     * or with the broker's refusal.
     */
    CompletableFuture<Void> send(MqttAsyncClient connection, String topic, MqttMessage message) {
        if (connection == null) {
            return CompletableFuture.failedFuture(new NotSent("MQTT not connected"));
        }
        Letter letter = new Letter(connection, topic, message, new CompletableFuture<>());
        queue.addLast(letter);
        drain();
        return letter.done();
    }

    /** Letters waiting or unacknowledged (for the gauge: the deque counts its elements). */
    public int pending() {
        return queue.size() + inFlight.get();
    }

    private void drain() {
        while (true) {
            int n = inFlight.get();
            if (n >= window) {
                return; // a completion drains again
            }
            if (!inFlight.compareAndSet(n, n + 1)) {
                continue;
            }
            Letter letter = queue.pollFirst();
            if (letter == null) {
                inFlight.decrementAndGet();
                if (queue.isEmpty()) {
                    return;
                }
                continue;
            }
            if (!publish(letter)) {
                return; // the client is full: try again shortly
            }
        }
    }

    /** Starts one publish; false if the client had no room (the letter is back at the head). */
    private boolean publish(Letter letter) {
        MqttAsyncClient c = letter.connection();
        if (!c.isConnected()) {
            settle(letter, new NotSent("MQTT connection lost before " + letter.topic() + " was sent"));
            return true;
        }
        try {
            c.publish(letter.topic(), letter.message(), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] codes = token.getReasonCodes();
                    if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                        finished(letter, new IllegalStateException("the broker refused " + letter.topic() + " (reason code 0x"
                                + Integer.toHexString(codes[0]) + ")"));
                    } else {
                        finished(letter, null);
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    finished(letter, c.isConnected() ? e : new NotSent(String.valueOf(e)));
                }
            });
            return true;
        } catch (MqttException e) {
            if (e.getReasonCode() == org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                queue.addFirst(letter);
                inFlight.decrementAndGet();
                scheduleRetry();
                return false;
            }
            settle(letter, c.isConnected() ? e : new NotSent(e.toString()));
            return true;
        } catch (RuntimeException e) {
            settle(letter, e);
            return true;
        }
    }

    /** From Paho's callback: the letter is settled, the next ones may go. */
    private void finished(Letter letter, Throwable failure) {
        settle(letter, failure);
        drain();
    }

    /** Settles a letter (from inside the drain loop too, which goes on by itself). */
    private void settle(Letter letter, Throwable failure) {
        inFlight.decrementAndGet();
        if (failure == null) {
            letter.done().complete(null);
        } else {
            letter.done().completeExceptionally(failure);
        }
    }

    private void scheduleRetry() {
        if (retryScheduled.compareAndSet(false, true) && !retry.isShutdown()) {
            try {
                retry.schedule(() -> {
                    retryScheduled.set(false);
                    drain();
                }, 5, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                retryScheduled.set(false); // stopping
            }
        }
    }

    /** Stops: what waits is not sent (an inbound original comes again on the next connection). */
    void close() {
        retry.shutdownNow();
        for (Letter letter; (letter = queue.pollFirst()) != null; ) {
            letter.done().completeExceptionally(new NotSent("MQTT session stopped before " + letter.topic() + " was sent"));
        }
    }
}
