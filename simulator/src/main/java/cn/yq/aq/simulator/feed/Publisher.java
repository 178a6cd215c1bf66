package cn.yq.aq.simulator.feed;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import cn.yq.aq.standards.BeijingTime;
import cn.yq.aq.support.mqtt.MqttSession;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes readings to the broker at QoS 1 on service-support's {@link MqttSession} (the services'
 * own connection: reconnects by itself; its outbox keeps {@code window} messages in flight), and shows
 * progress on standard error (a bar when it is a terminal, a line every 10 % otherwise).
 */
public final class Publisher implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MqttSession session;
    private long published;

    public Publisher(String url, String clientId, String username, String password, int window) {
        boolean auth = username != null && !username.isBlank();
        this.session = new MqttSession(new MqttSession.Settings(url, clientId, auth ? username : null, auth ? password : null,
                false, Duration.ZERO, 100, window), List.of(), (topic, message, ack) -> ack.run(), null);
        if (!session.startAndWait(Duration.ofSeconds(30))) {
            session.stop();
            throw new IllegalStateException("MQTT broker " + url + " did not accept " + clientId + " within 30 s");
        }
    }

    /** Publishes {@code messages} and waits until the broker acknowledged every one. */
    public void publish(List<Message> messages) {
        List<CompletableFuture<Void>> sent = new ArrayList<>(messages.size());
        for (Message m : messages) {
            sent.add(session.publish(m.topic(), m.payload(), 1, false));
        }
        int failed = 0;
        String first = null;
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                failed++;
                first = first == null ? messages.get(i).topic() + " (" + e + ")" : first;
            }
        }
        if (failed > 0) {
            throw new IllegalStateException(failed + " of " + messages.size() + " messages were not acknowledged by the broker,"
                    + " the first on " + first);
        }
        published += messages.size();
    }

    public long published() {
        return published;
    }

    /**
     * A reading in the contract's JSON: {@code idField} {@code station} or {@code source}, the
     * hourly interval starting at {@code start} (Asia/Shanghai, with its offset), the values as given.
     */
    static String reading(String idField, String id, LocalDateTime start, Map<String, Double> values) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put(idField, id);
        r.put("time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(start.atZone(BeijingTime.ZONE).toOffsetDateTime()));
        r.put("interval", "PT1H");
        r.put("values", values);
        r.put("flags", Map.of());
        return JSON.writeValueAsString(r);
    }

    /** Waits until {@code System.nanoTime()} reaches {@code due} (pacing to a rate). */
    public static void sleepUntil(long due) throws InterruptedException {
        long wait = due - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    @Override
    public void close() {
        session.stop();
    }

    /** A progress bar on standard error. */
    static final class Progress {
        private final String what;
        private final long total;
        private final boolean terminal = System.console() != null;
        private int lastShown = -1;

        Progress(String what, long total) {
            this.what = what;
            this.total = Math.max(1, total);
        }

        void show(long done, String detail) {
            int percent = (int) Math.min(100, done * 100 / total);
            if (terminal) {
                int filled = percent * 30 / 100;
                System.err.printf("\r%s [%s%s] %3d %% %s   ", what, "#".repeat(filled), ".".repeat(30 - filled), percent, detail);
                if (done >= total) {
                    System.err.println();
                }
            } else if (percent / 10 != lastShown / 10 || done >= total && lastShown != 100) {
                System.err.printf("%s %d %% %s%n", what, percent, detail);
            }
            lastShown = percent;
        }
    }
}
