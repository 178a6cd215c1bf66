package cn.yq.aq.alert.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

import cn.yq.aq.alert.delivery.channel.ChannelTransport;
import cn.yq.aq.alert.delivery.channel.ChannelTransports;
import cn.yq.aq.alert.delivery.channel.DeliveryFailure;
import cn.yq.aq.alert.delivery.channel.Notice;
import cn.yq.aq.alert.event.AlertType;
import cn.yq.aq.alert.subscription.Channel;
import cn.yq.aq.alert.system.Stopping;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * One channel's line of notices: one at a time, in the order they arrived, each attempt by the channel's
 * transport, retried by the Resilience4j {@code delivery} policy (exponential back-off without limit). Once the
 * channel took a notice, the {@link DeliveredLog} records it (waiting for the broker) before the copy is
 * completed and before the next notice goes: a crash then repeats nothing the log has. A refusal for good is
 * published as a {@link DeliveryFailed} event, once per failing spell; the lane keeps its queue, so that once
 * the channel's settings are fixed everything it holds goes out in order.
 */
final class Lane {

    private static final Logger log = LoggerFactory.getLogger(Lane.class);

    /** What the lane needs of the deliverer, shared by all lanes. */
    record Context(ChannelTransports transports, DeliveredLog delivered, ScheduledExecutorService scheduler,
                   ApplicationEventPublisher events, MeterRegistry meters, Clock clock, BooleanSupplier running) {
    }

    private final String scope;
    private final String channel;
    private final Context context;
    private final Retry retry;
    private final Retry recording;
    /** The channel's current settings (it may have been changed or removed since the notice arrived). */
    private final Supplier<Channel> settings;
    /** Called when the channel has a notice (delivered, skipped or delivered before a restart). */
    private final BiConsumer<Notice, String> done;
    private final LinkedHashMap<String, Notice> queue = new LinkedHashMap<>();
    private boolean busy;
    private volatile String failing;
    private volatile boolean reported;

    Lane(String scope, String channel, Context context, Retry retry, Retry recording, Supplier<Channel> settings,
         BiConsumer<Notice, String> done) {
        this.scope = scope;
        this.channel = channel;
        this.context = context;
        this.retry = retry;
        this.recording = recording;
        this.settings = settings;
        this.done = done;
    }

    /** Queues a notice, unless the channel delivered it before (a copy handed back after a crash). */
    void offer(Notice n) {
        if (context.delivered().has(scope, channel, n.id())) {
            log.debug("alert {} already delivered by {}/{} before a restart: not again", n.id(), scope, channel);
            done.accept(n, channel);
            return;
        }
        synchronized (this) {
            queue.putIfAbsent(n.id(), n);
        }
        next();
    }

    synchronized int size() {
        return queue.size();
    }

    /** Why the channel refused its last attempt for good; {@code null} while it delivers. */
    String failing() {
        return failing;
    }

    private void next() {
        Notice n;
        synchronized (this) {
            if (busy || queue.isEmpty() || !context.running().getAsBoolean()) {
                return;
            }
            busy = true;
            n = queue.values().iterator().next();
        }
        retry.executeCompletionStage(context.scheduler(), () -> attempt(n))
                .thenCompose(sent -> sent == ChannelTransport.Sent.DELIVERED
                        ? recording.executeCompletionStage(context.scheduler(), () -> record(n)) : CompletableFuture.completedFuture(null))
                .whenComplete((x, failure) -> {
                    synchronized (this) {
                        busy = false;
                        if (failure != null) {
                            return; // stopping: not acknowledged, the broker sends it again
                        }
                        queue.remove(n.id());
                    }
                    done.accept(n, channel);
                    next();
                });
    }

    /** The delivery in the log, on a scheduler thread (it waits for the broker's acknowledgement). */
    private CompletionStage<Void> record(Notice n) {
        return CompletableFuture.runAsync(() -> {
            if (!context.running().getAsBoolean()) {
                throw new Stopping();
            }
            try {
                context.delivered().record(scope, channel, n.id());
            } catch (RuntimeException e) {
                log.warn("delivery of {} by {}/{} not yet in the log ({}): trying again before anything else", n.id(),
                        scope, channel, e.toString());
                throw e;
            }
        }, context.scheduler());
    }

    private CompletionStage<ChannelTransport.Sent> attempt(Notice n) {
        if (!context.running().getAsBoolean()) {
            return CompletableFuture.failedFuture(new Stopping());
        }
        Channel c = settings.get();
        if (c == null) {
            return CompletableFuture.completedFuture(ChannelTransport.Sent.SKIPPED); // removed meanwhile
        }
        return context.transports().send(scope, c, n).handle((sent, e) -> {
            if (e == null) {
                delivered(c, n, sent);
                return sent;
            }
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            DeliveryFailure f = cause instanceof DeliveryFailure d ? d : DeliveryFailure.transientFailure(cause.toString());
            failed(c, n, f);
            throw f;
        });
    }

    private void delivered(Channel c, Notice n, ChannelTransport.Sent sent) {
        context.meters().counter("aq.alert.delivery", "county", scope, "channel", c.kind(), "outcome",
                sent == ChannelTransport.Sent.DELIVERED ? "delivered" : "skipped").increment();
        if (sent == ChannelTransport.Sent.SKIPPED) {
            log.warn("alert {} to {}/{}: no {} server configured, skipped", n.id(), scope, c.id(), c.kind());
            return;
        }
        Duration latency = Duration.between(n.alert().issuedAt(), context.clock().instant());
        Timer.builder("aq.alert.delivery.latency").tag("channel", c.kind()).publishPercentileHistogram()
                .register(context.meters()).record(latency.isNegative() ? Duration.ZERO : latency);
        if (failing != null) {
            log.info("channel {}/{} delivers again (it failed with: {})", scope, c.id(), failing);
        }
        failing = null;
        reported = false;
        log.debug("alert {} delivered to {}/{}", n.id(), scope, c.id());
    }

    private void failed(Channel c, Notice n, DeliveryFailure f) {
        context.meters().counter("aq.alert.delivery", "county", scope, "channel", c.kind(), "outcome", f.outcome()).increment();
        log.warn("alert {} to {}/{} ({}) {}: {}; retrying with back-off", n.id(), scope, c.id(), c.kind(),
                f.permanent() ? "rejected" : f.outcome(), f.getMessage());
        if (!f.permanent()) {
            return;
        }
        failing = f.getMessage();
        if (!reported && n.alert().type() != AlertType.DELIVERY_FAILED) {
            reported = true;
            context.events().publishEvent(new DeliveryFailed(scope, c, n, f));
        }
    }
}
