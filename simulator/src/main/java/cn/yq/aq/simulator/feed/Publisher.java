package cn.yq.aq.simulator.feed;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import cn.yq.aq.testsupport.MqttTestClient;

/**
 * Publishes readings to the broker at QoS 1, a window of messages in flight, and shows progress on
 * standard error (a bar when it is a terminal, a line every 10 % otherwise).
 */
public final class Publisher implements AutoCloseable {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final MqttTestClient client;
    private final int window;
    private long published;

    public Publisher(String url, String clientId, String username, String password, int window) {
        boolean auth = username != null && !username.isBlank();
        this.client = new MqttTestClient(url, clientId, false, auth ? username : null, auth ? password : null);
        this.window = window;
    }

    /** Publishes {@code messages} and waits until the broker acknowledged every one. */
    public void publish(List<MqttTestClient.Message> messages) {
        List<MqttTestClient.Message> failed = client.publishAll(messages, window);
        if (!failed.isEmpty()) {
            throw new IllegalStateException(failed.size() + " of " + messages.size() + " messages were not acknowledged by the broker,"
                    + " the first on " + failed.get(0).topic());
        }
        published += messages.size();
    }

    public long published() {
        return published;
    }

    static MqttTestClient.Message message(String topic, String payload) {
        return new MqttTestClient.Message(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A reading in the contract's JSON: {@code idField} {@code station} or {@code source}, the
     * hourly interval starting at {@code start} (Asia/Shanghai, with its offset), the values as given.
     */
    static String reading(String idField, String id, LocalDateTime start, Map<String, Double> values) {
        StringBuilder b = new StringBuilder("{\"").append(idField).append("\":\"").append(id).append("\",\"time\":\"")
                .append(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(start.atZone(CHINA).toOffsetDateTime()))
                .append("\",\"interval\":\"PT1H\",\"values\":{");
        int i = 0;
        for (Map.Entry<String, Double> v : values.entrySet()) {
            b.append(i++ == 0 ? "" : ",").append('"').append(v.getKey()).append("\":").append(v.getValue());
        }
        return b.append("},\"flags\":{}}").toString();
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
        client.close();
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
