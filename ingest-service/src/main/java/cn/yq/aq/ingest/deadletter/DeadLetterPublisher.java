package cn.yq.aq.ingest.deadletter;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import cn.yq.aq.ingest.pipeline.Channel;
import cn.yq.aq.ingest.reading.Rejection;
import cn.yq.aq.support.mqtt.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The one way every intake (MQTT, HTTP, HJ 212 TCP) publishes a rejected input: topic
 * {@code aq/v1/deadletter/<reason>}, the letter {@link DeadLetters} builds, at QoS 1 through the MQTT
 * intake's connection (its session's outbox: flow-controlled, never blocking), so that an MQTT message is
 * acknowledged only on the connection its dead letter went out on. The intake hands its connection over when it is
 * built ({@link #sendThrough}): the publisher needs nothing of the intake, and the intake uses the publisher
 * without a bean cycle. Without an MQTT intake (switched off), a letter is {@link Outbox.NotSent}.
 * <p>
 * Counted in {@code aq_ingest_deadletters_total{reason,outcome}}: {@code published}, {@code not-sent} (the
 * connection went first: an MQTT message comes again), {@code dropped} (refused for good: logged).
 */
@Component
public class DeadLetterPublisher {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);

    private final DeadLetters letters;
    private volatile Outlet outlet = (topic, payload) -> CompletableFuture.failedFuture(new Outbox.NotSent("no MQTT intake"));
    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final AtomicInteger droppedLogged = new AtomicInteger();

    DeadLetterPublisher(DeadLetters letters, MeterRegistry meters) {
        this.letters = letters;
        this.meters = meters;
    }

    /** Where dead letters go out: the MQTT intake's session (QoS 1, not retained). */
    @FunctionalInterface
    public interface Outlet {
        /** Completes when the broker has it, or with {@link Outbox.NotSent} if the connection went first. */
        CompletableFuture<Void> publish(String topic, byte[] payload);
    }

    /** Called once by the MQTT intake with its session. */
    public void sendThrough(Outlet intakeConnection) {
        this.outlet = intakeConnection;
    }

    /**
     * Publishes the dead letter of {@code original}, which came in on {@code channel} from {@code origin} (a topic,
     * a TCP peer, an HTTP principal); completes when the broker has it, with {@link Outbox.NotSent} if the
     * connection went first, or with the broker's refusal.
     */
    public CompletableFuture<Void> publish(Rejection r, Channel channel, String origin, byte[] original) {
        return outlet.publish(letters.topic(r), letters.payload(r, channel, origin, original))
                .whenComplete((x, e) -> {
                    if (e == null) {
                        counter(r.reason(), "published").increment();
                    } else if (e instanceof Outbox.NotSent) {
                        counter(r.reason(), "not-sent").increment();
                    } else {
                        counter(r.reason(), "dropped").increment();
                        if (droppedLogged.getAndIncrement() % 1000 == 0) {
                            log.warn("dead letter {} from {} ({}) refused for good: {}; the input is acknowledged, counted as dropped",
                                    r.reason(), channel.tag(), Rejection.quote(origin), e.toString());
                        }
                    }
                });
    }

    private Counter counter(String reason, String outcome) {
        return counters.computeIfAbsent(reason + '|' + outcome, k -> Counter
                .builder("aq.ingest.deadletters").tag("reason", reason).tag("outcome", outcome).register(meters));
    }
}
