package cn.yq.aq.alert.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import cn.yq.aq.alert.event.Alert;
import cn.yq.aq.alert.event.AlertBus;
import cn.yq.aq.alert.event.AlertType;
import cn.yq.aq.alert.event.DurableConsumer;
import cn.yq.aq.alert.delivery.channel.ChannelTransport;
import cn.yq.aq.alert.delivery.channel.ChannelTransports;
import cn.yq.aq.alert.delivery.channel.DeliveryFailure;
import cn.yq.aq.alert.delivery.channel.Notice;
import cn.yq.aq.alert.state.StateStore;
import cn.yq.aq.alert.system.Stopping;
import cn.yq.aq.alert.subscription.Channel;
import cn.yq.aq.alert.subscription.Subscription;
import cn.yq.aq.alert.subscription.Subscriptions;
import cn.yq.aq.alert.system.AlertProperties;
import cn.yq.aq.support.mqtt.MqttSession;
import cn.yq.aq.support.mqtt.SessionLifecycle;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers alerts to the counties' and the city's channels. A persistent MQTT session on
 * {@code aq/v1/alerts/+} (clean start off, manual acks) hands each copy to the channels of its
 * scope's subscription that want it. Each channel is a lane of its own: it delivers one notice at a
 * time, in the order the broker sent them (the order they were raised), retried by Resilience4j with
 * exponential back-off without limit (the {@code delivery} policy in application.yml); a channel that is down or rate limited holds only its own
 * queue, the scope's other channels go on. A copy is acknowledged to the broker once every channel
 * it went to has delivered it (until then the broker keeps it and sends it again after a restart);
 * each channel remembers, in a retained document, the last notices it delivered, so that a copy
 * sent again after a crash is not delivered twice by the channels that had it already. A channel
 * that rejects a notice for good (bad key, signature, 4xx) raises one DELIVERY_FAILED alert to the
 * bureau, shows in health ({@code failingChannels}) and metrics, and keeps its queue: once its
 * settings are fixed, everything it holds is delivered in order.
 */
@Component("deliverer")
public class Deliverer extends SessionLifecycle implements HealthIndicator, DurableConsumer {

    private static final Logger log = LoggerFactory.getLogger(Deliverer.class);
    static final String DELIVERED = StateStore.STATE + "delivered/";
    /** Notices each channel remembers as delivered (a copy sent again after a crash is skipped). */
    static final int REMEMBERED = 50;


    private final MqttSession session;
    private final Subscriptions subscriptions;
    private final ChannelTransports transports;
    private final ObjectProvider<AlertBus> bus;
    private final StateStore store;
    private final MeterRegistry meters;
    private final Clock clock;
    private final RetryRegistry retries;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "alert-delivery");
        t.setDaemon(true);
        return t;
    });
    /** Writes the channels' delivered lists and raises DELIVERY_FAILED: never on a delivery or Paho thread. */
    private final ExecutorService bookkeeping = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "alert-delivery-state");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final Map<String, Pending> pendings = new ConcurrentHashMap<>();
    private final AtomicInteger queued = new AtomicInteger();
    private volatile boolean everConnected;

    public Deliverer(AlertProperties properties, Subscriptions subscriptions, ChannelTransports transports, StateStore store,
                     ObjectProvider<AlertBus> bus, RetryRegistry retries, MeterRegistry meters, Clock clock) {
        super(10);
        this.store = store;
        this.transports = transports;
        this.bus = bus;
        AlertProperties.Mqtt m = properties.mqtt();
        this.subscriptions = subscriptions;
        this.meters = meters;
        this.clock = clock;
        this.retries = retries;
        this.session = new MqttSession(new MqttSession.Settings(m.url(), m.clientIdPrefix() + "-deliverer", m.username(),
                m.password(), true, m.sessionExpiry(), m.receiveMaximum(), m.publishWindow()),
                List.of(MqttSession.qos1(AlertBus.TOPIC + "+", false)), this::onMessage, () -> everConnected = true);
        meters.gauge("aq.alert.delivery.pending", queued);
    }

    /** A copy of an alert for one scope, until every channel it went to has it. */
    private static final class Pending {
        final String scope;
        final Notice notice;
        final Set<String> remaining;
        volatile Runnable ack;

        Pending(String scope, Notice notice, Set<String> remaining, Runnable ack) {
            this.scope = scope;
            this.notice = notice;
            this.remaining = remaining;
            this.ack = ack;
        }
    }

    private void onMessage(String topic, MqttMessage message, Runnable ack) {
        String scope = topic.substring(AlertBus.TOPIC.length());
        Notice notice;
        try {
            notice = Notice.parse(message.getPayload(), json);
        } catch (RuntimeException e) {
            log.error("unreadable alert for {} dropped: {}", scope, e.toString());
            ack.run();
            return;
        }
        String key = scope + "|" + notice.id();
        Pending known = pendings.get(key);
        if (known != null) {
            known.ack = ack; // a copy sent again while the first is still on its way: ack on the newer connection
            return;
        }
        Subscription s = subscriptions.of(scope).orElse(null);
        List<Channel> channels = s == null ? List.of() : s.channels().stream().filter(c -> c.wants(notice.alert())).toList();
        if (channels.isEmpty()) {
            if (s == null) {
                log.debug("alert {} for {}: no subscription, not delivered (it stays in the history)", notice.id(), scope);
            }
            meters.counter("aq.alert.delivery", "county", scope, "channel", "none", "outcome", s == null ? "no-subscription" : "not-wanted")
                    .increment();
            ack.run();
            return;
        }
        Set<String> ids = ConcurrentHashMap.newKeySet();
        channels.forEach(c -> ids.add(c.id()));
        Pending p = new Pending(scope, notice, ids, ack);
        pendings.put(key, p);
        for (Channel c : channels) {
            lanes.computeIfAbsent(scope + "/" + c.id(), k -> new Lane(scope, c.id())).offer(p);
        }
    }

    /** One channel's line: one notice at a time, in arrival order. */
    private final class Lane {
        private final String scope;
        private final String channel;
        private final LinkedHashMap<String, Pending> queue = new LinkedHashMap<>();
        private final LinkedHashSet<String> delivered = new LinkedHashSet<>();
        private final Retry retry;
        private boolean busy;
        private volatile String failing;
        private volatile boolean reported;

        @SuppressWarnings("unchecked")
        Lane(String scope, String channel) {
            this.scope = scope;
            this.channel = channel;
            this.retry = retries.retry("delivery-" + scope + "-" + channel, "delivery"); // the YAML policy
            String doc = store.get(DELIVERED + scope + "/" + channel);
            if (doc != null) {
                try {
                    delivered.addAll(json.readValue(doc, List.class));
                } catch (RuntimeException e) {
                    log.warn("delivered list of {}/{} unreadable ({}): starting afresh", scope, channel, e.toString());
                }
            }
        }

        void offer(Pending p) {
            boolean already;
            synchronized (this) {
                already = delivered.contains(p.notice.id());
                if (!already && queue.putIfAbsent(p.notice.id(), p) == null) {
                    queued.incrementAndGet();
                }
            }
            if (already) {
                log.debug("alert {} already delivered by {}/{} before a restart: not again", p.notice.id(), scope, channel);
                complete(p, channel);
            } else {
                next();
            }
        }

        private void next() {
            Pending p;
            synchronized (this) {
                if (busy || queue.isEmpty() || !isRunning()) {
                    return;
                }
                busy = true;
                p = queue.values().iterator().next();
            }
            retry.executeCompletionStage(scheduler, () -> attempt(p)).whenComplete((sent, failure) -> {
                if (failure != null) {
                    synchronized (this) {
                        busy = false; // stopping: not acknowledged, the broker sends it again
                    }
                    return;
                }
                CompletableFuture.runAsync(() -> remember(p.notice.id()), bookkeeping).whenComplete((x, e) -> {
                    synchronized (this) {
                        queue.remove(p.notice.id());
                        queued.decrementAndGet();
                        busy = false;
                    }
                    complete(p, channel);
                    next();
                });
            });
        }

        /** Adds a delivered id to the channel's retained list (on the bookkeeping thread). */
        private void remember(String id) {
            List<String> list;
            synchronized (this) {
                delivered.add(id);
                while (delivered.size() > REMEMBERED) {
                    delivered.remove(delivered.iterator().next());
                }
                list = new ArrayList<>(delivered);
            }
            try {
                store.put(DELIVERED + scope + "/" + channel, json.writeValueAsString(list));
            } catch (RuntimeException e) {
                log.warn("delivered list of {}/{} not saved ({}): a crash now could deliver {} again", scope, channel,
                        e.toString(), id);
            }
        }

        private CompletionStage<ChannelTransport.Sent> attempt(Pending p) {
            if (!isRunning()) {
                return CompletableFuture.failedFuture(new Stopping());
            }
            Channel c = subscriptions.of(scope).flatMap(s -> s.channel(channel)).orElse(null);
            if (c == null) {
                return CompletableFuture.completedFuture(ChannelTransport.Sent.SKIPPED); // removed meanwhile
            }
            return transports.send(scope, c, p.notice).handle((sent, e) -> {
                if (e == null) {
                    delivered(c, p, sent);
                    return sent;
                }
                Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                DeliveryFailure f = cause instanceof DeliveryFailure d ? d : DeliveryFailure.transientFailure(cause.toString());
                failed(c, p, f);
                throw f;
            });
        }

        private void delivered(Channel c, Pending p, ChannelTransport.Sent sent) {
            meters.counter("aq.alert.delivery", "county", scope, "channel", c.kind(), "outcome",
                    sent == ChannelTransport.Sent.DELIVERED ? "delivered" : "skipped").increment();
            if (sent == ChannelTransport.Sent.SKIPPED) {
                log.warn("alert {} to {}/{}: no {} server configured, skipped", p.notice.id(), scope, c.id(), c.kind());
                return;
            }
            Timer.builder("aq.alert.delivery.latency").tag("channel", c.kind()).publishPercentileHistogram().register(meters)
                    .record(Duration.between(p.notice.alert().issuedAt(), clock.instant()).isNegative() ? Duration.ZERO
                            : Duration.between(p.notice.alert().issuedAt(), clock.instant()));
            if (failing != null) {
                log.info("channel {}/{} delivers again (it failed with: {})", scope, c.id(), failing);
            }
            failing = null;
            reported = false;
            log.debug("alert {} delivered to {}/{}", p.notice.id(), scope, c.id());
        }

        private void failed(Channel c, Pending p, DeliveryFailure f) {
            meters.counter("aq.alert.delivery", "county", scope, "channel", c.kind(), "outcome", f.outcome()).increment();
            log.warn("alert {} to {}/{} ({}) {}: {}; retrying with back-off", p.notice.id(), scope, c.id(), c.kind(),
                    f.permanent() ? "rejected" : f.outcome(), f.getMessage());
            if (!f.permanent()) {
                return;
            }
            failing = f.getMessage();
            if (!reported && p.notice.alert().type() != AlertType.DELIVERY_FAILED) {
                reported = true;
                bookkeeping.execute(() -> reportFailure(scope, c, p.notice, f));
            }
        }
    }

    /** A copy is acknowledged once every channel it went to has it. */
    private void complete(Pending p, String channel) {
        p.remaining.remove(channel);
        if (p.remaining.isEmpty() && pendings.remove(p.scope + "|" + p.notice.id(), p)) {
            p.ack.run();
        }
    }

    private static String kindZh(String kind) {
        return switch (kind) {
            case "wecom" -> "企业微信机器人";
            case "dingtalk" -> "钉钉机器人";
            case "sms" -> "短信";
            case "email" -> "电子邮件";
            default -> "接收接口（webhook）";
        };
    }

    /** DELIVERY_FAILED to the bureau: which channel refused what, and what to check. */
    private void reportFailure(String scope, Channel c, Notice n, DeliveryFailure f) {
        String who = transports.forWhom(scope);
        String title = who + kindZh(c.kind()) + "通知发送失败";
        String text = who + "的" + kindZh(c.kind()) + "通道（" + c.id() + "）拒绝了" + n.alert().type().nameZh() + "“"
                + n.alert().title() + "”：" + f.getMessage() + "。请核对该通道的地址、密钥或加签设置（PUT /api/v1/subscriptions/"
                + scope + "），修正后该通道积压的通知将按顺序补发。";
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("subscription", scope);
        details.put("channel", c.id());
        details.put("kind", c.kind());
        details.put("reason", f.getMessage());
        details.put("alertId", n.id());
        try {
            AlertBus b = bus.getObject();
            b.raise(b.create(AlertType.DELIVERY_FAILED, "failed", scope + "/" + c.id(), Alert.BUREAU, null, null, title, text,
                    details));
        } catch (RuntimeException e) {
            log.error("DELIVERY_FAILED for {}/{} not raised: {}", scope, c.id(), e.toString());
        }
    }

    @Override
    public boolean everConnected() {
        return everConnected;
    }

    /** Notices waiting in the channels' lanes. */
    public int pending() {
        return queued.get();
    }

    /** The channels that refused their last attempt for good, with why. */
    public Map<String, String> failingChannels() {
        Map<String, String> out = new TreeMap<>();
        lanes.forEach((k, lane) -> {
            if (lane.failing != null) {
                out.put(k, lane.failing);
            }
        });
        return out;
    }

    /**
     * Connects once the subscriptions are loaded: a copy handed back by the broker after a restart
     * must find its county's channels, not an empty table.
     */
    @Override
    protected void connect() {
        Thread starter = new Thread(() -> {
            while (isRunning() && !store.awaitReady(Duration.ofSeconds(1))) {
                log.debug("deliverer waits for the subscriptions to load");
            }
            if (isRunning()) {
                session.start();
            }
        }, "alert-deliverer-start");
        starter.setDaemon(true);
        starter.start();
    }

    @Override
    protected MqttSession session() {
        return session;
    }

    @Override
    protected void stopped() {
        scheduler.shutdownNow();
        bookkeeping.shutdownNow();
    }



    @Override
    public Health health() {
        boolean up = session.isSubscribed();
        Health.Builder h = (up ? Health.up() : Health.down()).withDetail("clientId", session.clientId())
                .withDetail("pending", queued.get()).withDetail("queued", session.queued())
                .withDetail("failingChannels", failingChannels());
        if (!up) {
            h.withDetail("waiting", !store.isReady() ? "for the subscriptions to load"
                    : !session.isConnected() ? "for the MQTT broker" : "for the broker to acknowledge the alert subscription");
        }
        return h.build();
    }
}
