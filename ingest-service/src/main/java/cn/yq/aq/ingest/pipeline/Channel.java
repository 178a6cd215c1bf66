package cn.yq.aq.ingest.pipeline;

import java.util.Locale;

/** How a reading arrived (metric tag {@code channel}). */
public enum Channel {
    MQTT, TCP, HTTP;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
