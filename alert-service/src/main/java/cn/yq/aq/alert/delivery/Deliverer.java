package cn.yq.aq.alert.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

import cn.yq.aq.alert.delivery.channel.ChannelTransports;
import cn.yq.aq.alert.delivery.channel.Notice;
import cn.yq.aq.alert.event.AlertBus;
import cn.yq.aq.alert.event.DurableConsumer;
import cn.yq.aq.alert.state.StateStore;
import cn.yq.aq.alert.subscription.Channel;
import cn.yq.aq.alert.subscription.Subscription;
import cn.yq.aq.alert.subscription.Subscriptions;
import cn.yq.aq.alert.system.AlertProperties;
import cn.yq.aq.support.mqtt.MqttSession;
import cn.yq.aq.support.mqtt.SessionLifecycle;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers alerts to the counties' and the city's channels: the MQTT consumer of the delivery wing. A persistent
 * session on {@code aq/v1/alerts/+} (clean start off, manual acks) hands each copy to a {@link Lane} per channel
 * of its scope's subscription that wants it (a channel that is down or rate limited holds only its own lane;
 * the scope's other channels go on). A copy is acknowledged to the broker once every channel it went to has it
 * (until then the broker keeps it and sends it again after a restart); each lane has recorded its delivery in the
 * {@link DeliveredLog} before that, so a copy sent again after a crash is skipped by the channels that had it.
 * A refusal for good becomes a {@link DeliveryFailed} event, shows in health ({@code failingChannels}) and metrics.
 */
@Component("deliverer")
public class Deliverer extends SessionLifecycle implements HealthIndicator, DurableConsumer {

    private static final Logger log = LoggerFactory.getLogger(Deliverer.class);

    private final MqttSession session;
    private final Subscriptions subscriptions;
    private final StateStore store;
    private final MeterRegistry meters;
    private final RetryRegistry retries;
    private final JsonMapper json;
    private final ThreadPoolTaskScheduler scheduler;
    private final Lane.Context context;
    private final DeliveredLog delivered;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final Map<String, Pending> pendings = new ConcurrentHashMap<>();
    private volatile boolean everConnected;

    public Deliverer(AlertProperties properties, Subscriptions subscriptions, ChannelTransports transports, StateStore store,
                     DeliveredLog delivered, ApplicationEventPublisher events, RetryRegistry retries, MeterRegistry meters,
                     Clock clock, JsonMapper json, ThreadPoolTaskSchedulerBuilder schedulers) {
        super(10);
        this.store = store;
        this.delivered = delivered;
        this.subscriptions = subscriptions;
        this.meters = meters;
        this.retries = retries;
        this.json = json;
        // the lanes' retries and log records (they wait for the broker): never a delivery's HTTP or Paho thread
        this.scheduler = schedulers.poolSize(2).threadNamePrefix("alert-delivery-").build();
        this.scheduler.setDaemon(true);
        this.scheduler.initialize();
        this.context = new Lane.Context(transports, delivered, scheduler.getScheduledExecutor(), events, meters, clock,
                this::isRunning);
        AlertProperties.Mqtt m = properties.mqtt();
        this.session = new MqttSession(new MqttSession.Settings(m.url(), m.clientIdPrefix() + "-deliverer", m.username(),
                m.password(), true, m.sessionExpiry(), m.receiveMaximum(), m.publishWindow()),
                List.of(MqttSession.qos1(AlertBus.TOPIC + "+", false)), this::onMessage, () -> everConnected = true);
        meters.gauge("aq.alert.delivery.pending", lanes, Deliverer::pending);
    }

    /** A copy of an alert for one scope, until every channel it went to has it. */
    private static final class Pending {
        final String scope;
        final Notice notice;
        final List<String> channels;
        final Set<String> remaining;
        volatile Runnable ack;

        Pending(String scope, Notice notice, List<String> channels, Runnable ack) {
            this.scope = scope;
            this.notice = notice;
            this.channels = channels;
            this.remaining = ConcurrentHashMap.newKeySet();
            this.remaining.addAll(channels);
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
        pendings.put(key, new Pending(scope, notice, channels.stream().map(Channel::id).toList(), ack));
        for (Channel c : channels) {
            lanes.computeIfAbsent(scope + "/" + c.id(), k -> new Lane(scope, c.id(), context,
                    retries.retry("delivery-" + k.replace('/', '-'), "delivery"), // the YAML policy
                    retries.retry("delivered-log-" + k.replace('/', '-'), "delivery"),
                    () -> subscriptions.of(scope).flatMap(sub -> sub.channel(c.id())).orElse(null),
                    (n, channel) -> complete(scope, n, channel))).offer(notice);
        }
    }

    /** A copy is acknowledged once every channel it went to has it; then the delivered log may forget it. */
    private void complete(String scope, Notice n, String channel) {
        Pending p = pendings.get(scope + "|" + n.id());
        if (p == null) {
            return;
        }
        p.remaining.remove(channel);
        if (p.remaining.isEmpty() && pendings.remove(scope + "|" + n.id(), p)) {
            p.ack.run();
            delivered.forget(scope, p.channels, n.id());
        }
    }

    @Override
    public boolean everConnected() {
        return everConnected;
    }

    /** Notices waiting in the channels' lanes. */
    public int pending() {
        return pending(lanes);
    }

    private static int pending(Map<String, Lane> lanes) {
        return lanes.values().stream().mapToInt(Lane::size).sum();
    }

    /** The channels that refused their last attempt for good, with why. */
    public Map<String, String> failingChannels() {
        Map<String, String> out = new TreeMap<>();
        lanes.forEach((k, lane) -> {
            if (lane.failing() != null) {
                out.put(k, lane.failing());
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
        scheduler.execute(() -> {
            while (isRunning() && !store.awaitReady(Duration.ofSeconds(1))) {
                log.debug("deliverer waits for the subscriptions to load");
            }
            if (isRunning()) {
                session.start();
            }
        });
    }

    @Override
    protected MqttSession session() {
        return session;
    }

    @Override
    protected void stopped() {
        scheduler.shutdown();
    }

    @Override
    public Health health() {
        boolean up = session.isSubscribed();
        Health.Builder h = (up ? Health.up() : Health.down()).withDetail("clientId", session.clientId())
                .withDetail("pending", pending()).withDetail("queued", session.queued())
                .withDetail("failingChannels", failingChannels());
        if (!up) {
            h.withDetail("waiting", !store.isReady() ? "for the subscriptions to load"
                    : !session.isConnected() ? "for the MQTT broker" : "for the broker to acknowledge the alert subscription");
        }
        return h.build();
    }
}
