package cn.yq.aq.ingest.mqtt;

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
 * Dead letters out at the broker's pace, never blocking and never refused by the client for being
 * too many: letters wait in a queue and at most {@code window} are unacknowledged at once (Paho
 * refuses a publish beyond the broker's receive maximum with "too many publishes in progress"; a
 * flood of invalid input used to lose its dead letters that way). The queue needs no bound of its
 * own: every letter stands for an inbound message not yet acked, and the broker sends no more of
 * those than ingest's receive maximum. Completions arrive on Paho's callback thread; they only
 * start the next publishes (asynchronous), nothing waits there.
 */
final class DeadLetterOutbox {

    /** The connection was lost before the broker took the letter: the original comes again. */
    static final class NotSent extends RuntimeException {
        NotSent(String message) {
            super(message, null, false, false);
        }
    }

    private record Letter(MqttAsyncClient connection, String topic, byte[] payload, CompletableFuture<Void> done) {
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

    DeadLetterOutbox(int window) {
        this.window = window;
    }

    /** Queues a QoS 1 letter on {@code connection}; completes when the broker acknowledged it. */
    CompletableFuture<Void> send(MqttAsyncClient connection, String topic, byte[] payload) {
        Letter letter = new Letter(connection, topic, payload, new CompletableFuture<>());
        queue.addLast(letter);
        drain();
        return letter.done();
    }

    /** Letters waiting or unacknowledged (for the gauge: the deque counts its elements). */
    int pending() {
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
            settle(letter, new NotSent("MQTT connection lost before the dead letter was sent"));
            return true;
        }
        try {
            MqttMessage message = new MqttMessage(letter.payload());
            message.setQos(1);
            c.publish(letter.topic(), message, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] codes = token.getReasonCodes();
                    if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                        finished(letter, new IllegalStateException("the broker refused the dead letter (reason code 0x"
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
        if (retryScheduled.compareAndSet(false, true)) {
            retry.schedule(() -> {
                retryScheduled.set(false);
                drain();
            }, 5, TimeUnit.MILLISECONDS);
        }
    }

    void close() {
        retry.shutdownNow();
    }
}
