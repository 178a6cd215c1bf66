package cn.yq.aq.alert.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import cn.yq.aq.alert.alert.AlertBus;
import cn.yq.aq.alert.alert.DurableConsumer;
import cn.yq.aq.alert.state.StateStore;
import cn.yq.aq.alert.subscription.Subscription;
import cn.yq.aq.alert.subscription.Subscriptions;
import cn.yq.aq.alert.system.AlertProperties;
import cn.yq.aq.support.mqtt.MqttSession;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers alerts to the county governments. A persistent MQTT session on {@code aq/v1/alerts/+}
 * (clean start off, manual acks) hands each copy to its county's lane; a lane delivers one alert at a
 * time, in the order the broker sent them (the order they were raised): the webhook (signed, with
 * the stable {@code X-AQ-Event-Id}), then the SMS gateway if the county has numbers; each retried by
 * Resilience4j with exponential backoff, without limit, until a 2xx. Only then is the message
 * acknowledged to the broker, which otherwise keeps it (and sends it again after a restart).
 */
@Component("deliverer")
public class Deliverer implements SmartLifecycle, HealthIndicator, DurableConsumer {

    private static final Logger log = LoggerFactory.getLogger(Deliverer.class);

    /** Thrown into the retry when we are stopping: not retried, not acknowledged. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super("alert-service is stopping", null, false, false);
        }
    }

    /** A non-2xx answer. */
    static final class Refused extends RuntimeException {
        Refused(String what, int status) {
            super(what + " answered " + status, null, false, false);
        }
    }

    private final MqttSession session;
    private final Subscriptions subscriptions;
    private final AlertProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;
    private final RetryConfig retryConfig;
    private final RetryRegistry retries;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "alert-delivery");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile boolean running;
    private volatile boolean everConnected;

    private final StateStore store;

    public Deliverer(AlertProperties properties, Subscriptions subscriptions, StateStore store, RetryRegistry retries,
                     MeterRegistry meters, Clock clock) {
        this.store = store;
        AlertProperties.Mqtt m = properties.mqtt();
        AlertProperties.Delivery d = properties.delivery();
        this.properties = properties;
        this.subscriptions = subscriptions;
        this.meters = meters;
        this.clock = clock;
        this.retries = retries;
        this.retryConfig = RetryConfig.custom().maxAttempts(Integer.MAX_VALUE)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(d.initialBackoff(), d.multiplier(), d.maxBackoff()))
                .ignoreExceptions(Stopped.class).failAfterMaxAttempts(false).build();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.session = new MqttSession(new MqttSession.Settings(m.url(), m.clientIdPrefix() + "-deliverer", m.username(),
                m.password(), true, m.sessionExpiry(), m.receiveMaximum()),
                List.of(MqttSession.qos1(AlertBus.TOPIC + "+", false)), this::onMessage, () -> everConnected = true);
        meters.gauge("aq.alert.delivery.pending", pending);
    }

    @SuppressWarnings("unchecked")
    private void onMessage(String topic, MqttMessage message, Runnable ack) {
        String county = topic.substring(AlertBus.TOPIC.length());
        byte[] payload = message.getPayload();
        Map<String, Object> alert;
        try {
            alert = json.readValue(payload, Map.class);
        } catch (RuntimeException e) {
            log.error("unreadable alert for {} dropped: {}", county, e.toString());
            ack.run();
            return;
        }
        lanes.computeIfAbsent(county, Lane::new).offer(new Pending((String) alert.get("id"), county, payload,
                (String) alert.get("issuedAt"), (String) alert.get("type"), (String) alert.get("title"),
                (String) alert.get("text")), ack);
    }

    record Pending(String id, String county, byte[] body, String issuedAt, String type, String title, String text) {
    }

    /** One county's alerts, delivered one at a time in arrival order. */
    private final class Lane {
        private final String county;
        private final LinkedHashMap<String, Pending> queue = new LinkedHashMap<>();
        private final Map<String, Runnable> acks = new ConcurrentHashMap<>();
        private final Set<String> delivered = Collections.newSetFromMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > 1000;
            }
        });
        private final Retry webhookRetry;
        private final Retry smsRetry;
        private boolean busy;

        Lane(String county) {
            this.county = county;
            this.webhookRetry = retries.retry("webhook-" + county, retryConfig);
            this.smsRetry = retries.retry("sms-" + county, retryConfig);
        }

        synchronized void offer(Pending p, Runnable ack) {
            acks.put(p.id(), ack); // a redelivered copy: ack on the newer connection
            if (delivered.contains(p.id())) {
                done(p.id());
                return;
            }
            if (queue.putIfAbsent(p.id(), p) == null) {
                pending.incrementAndGet();
            }
            next();
        }

        private void next() {
            if (busy || queue.isEmpty() || !running) {
                return;
            }
            busy = true;
            Pending p = queue.values().iterator().next();
            deliver(p, webhookRetry, smsRetry).whenComplete((ok, failure) -> {
                synchronized (this) {
                    busy = false;
                    if (failure == null) {
                        queue.remove(p.id());
                        pending.decrementAndGet();
                        delivered.add(p.id());
                        done(p.id());
                    }
                    next();
                }
            });
        }

        private void done(String id) {
            Runnable ack = acks.remove(id);
            if (ack != null) {
                ack.run();
            }
        }
    }

    private CompletableFuture<Void> deliver(Pending p, Retry webhookRetry, Retry smsRetry) {
        Subscription first = subscriptions.of(p.county()).orElse(null);
        if (first == null) {
            log.warn("alert {} for {}: no subscription, not delivered (it stays in the history)", p.id(), p.county());
            meters.counter("aq.alert.delivery", "county", p.county(), "channel", "none", "outcome", "no-subscription").increment();
            return CompletableFuture.completedFuture(null);
        }
        CompletionStage<Void> webhook = webhookRetry.executeCompletionStage(scheduler, () -> attemptWebhook(p));
        return webhook.thenCompose(x -> {
            boolean sms = properties.sms().url() != null && !properties.sms().url().isBlank()
                    && subscriptions.of(p.county()).map(s -> !s.phones().isEmpty()).orElse(false);
            return sms ? smsRetry.executeCompletionStage(scheduler, () -> attemptSms(p)) : CompletableFuture.<Void>completedFuture(null);
        }).toCompletableFuture();
    }

    private CompletionStage<Void> attemptWebhook(Pending p) {
        if (!running) {
            return CompletableFuture.failedFuture(new Stopped());
        }
        Subscription s = subscriptions.of(p.county()).orElse(null);
        if (s == null) {
            return CompletableFuture.completedFuture(null); // unsubscribed meanwhile
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(s.url())).timeout(properties.delivery().timeout())
                    .header("Content-Type", "application/json; charset=utf-8").header("X-AQ-Event-Id", p.id())
                    .header("X-AQ-Event-Type", p.type()).header("X-AQ-Signature", Signatures.sign(s.secret(), p.body()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(p.body())).build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return send("webhook", p, request);
    }

    private CompletionStage<Void> attemptSms(Pending p) {
        if (!running) {
            return CompletableFuture.failedFuture(new Stopped());
        }
        Subscription s = subscriptions.of(p.county()).orElse(null);
        if (s == null || s.phones().isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        AlertProperties.Sms sms = properties.sms();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("phones", s.phones());
        body.put("sign", sms.sign());
        body.put("text", "【" + sms.sign() + "】" + p.title() + "。" + p.text());
        body.put("eventId", p.id());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sms.url())).timeout(properties.delivery().timeout())
                .header("Content-Type", "application/json; charset=utf-8").header("X-AQ-Event-Id", p.id())
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8));
        if (sms.apiKey() != null && !sms.apiKey().isBlank()) {
            request.header("Authorization", "Bearer " + sms.apiKey());
        }
        return send("sms", p, request.build());
    }

    private CompletionStage<Void> send(String channel, Pending p, HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((r, e) -> {
            int status = r == null ? -1 : r.statusCode();
            boolean ok = e == null && status / 100 == 2;
            meters.counter("aq.alert.delivery", "county", p.county(), "channel", channel, "outcome", ok ? "delivered" : "failed")
                    .increment();
            if (ok) {
                if (p.issuedAt() != null) {
                    Duration latency = Duration.between(java.time.OffsetDateTime.parse(p.issuedAt()).toInstant(), clock.instant());
                    Timer.builder("aq.alert.delivery.latency").tag("channel", channel).publishPercentileHistogram()
                            .register(meters).record(latency.isNegative() ? Duration.ZERO : latency);
                }
                log.debug("alert {} delivered to {} by {}", p.id(), p.county(), channel);
                return null;
            }
            log.warn("alert {} to {} by {} failed ({}); retrying with backoff", p.id(), p.county(), channel,
                    e != null ? e.toString() : "HTTP " + status);
            throw e != null ? new java.util.concurrent.CompletionException(e) : new Refused(channel, status);
        });
    }

    @Override
    public boolean everConnected() {
        return everConnected;
    }

    public int pending() {
        return pending.get();
    }

    /**
     * Connects once the subscriptions are loaded: a copy handed back by the broker after a restart
     * must find its county's webhook, not an empty table.
     */
    @Override
    public void start() {
        running = true;
        Thread starter = new Thread(() -> {
            while (running && !store.awaitReady(Duration.ofSeconds(1))) {
                log.debug("deliverer waits for the subscriptions to load");
            }
            if (running) {
                session.start();
            }
        }, "alert-deliverer-start");
        starter.setDaemon(true);
        starter.start();
    }

    @Override
    public void stop() {
        running = false;
        session.stop();
        scheduler.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 10;
    }

    @Override
    public Health health() {
        boolean up = session.isSubscribed();
        Health.Builder h = (up ? Health.up() : Health.down()).withDetail("clientId", session.clientId())
                .withDetail("pending", pending.get()).withDetail("queued", session.queued());
        if (!up) {
            h.withDetail("waiting", !store.isReady() ? "for the subscriptions to load"
                    : !session.isConnected() ? "for the MQTT broker" : "for the broker to acknowledge the alert subscription");
        }
        return h.build();
    }
}
