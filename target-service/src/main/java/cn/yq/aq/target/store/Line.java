package cn.yq.aq.target.store;

import java.math.BigDecimal;

import cn.yq.aq.support.influx.LineEscapes;

/**
 * One point in InfluxDB line protocol, built as text: the materialiser writes hundreds of thousands of them, and
 * influxdb-java's {@code Point} formats every double with a {@code DecimalFormat} (half of target-service's CPU in a
 * year's recompute). Escaped by {@link LineEscapes}, as ingest's lines are. Non-finite numbers are left out.
 */
public final class Line {

    private final StringBuilder text = new StringBuilder(256);
    private boolean fields;

    private Line(String measurement) {
        escape(measurement, false);
    }

    public static Line of(String measurement) {
        return new Line(measurement);
    }

    /** A tag: call before the first field. */
    public Line tag(String key, String value) {
        if (fields) {
            throw new IllegalStateException("tags come before fields");
        }
        text.append(',');
        escape(key, true);
        text.append('=');
        escape(value, true);
        return this;
    }

    public Line field(String key, double value) {
        if (!Double.isFinite(value)) {
            return this;
        }
        double abs = Math.abs(value);
        // plain decimals (Double.toString switches to 1.0E-4 style outside [1e-3, 1e7))
        return raw(key, value == 0 || (abs >= 1e-3 && abs < 1e7) ? Double.toString(value) : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString());
    }

    public Line field(String key, long value) {
        return raw(key, value + "i");
    }

    public Line field(String key, boolean value) {
        return raw(key, value ? "true" : "false");
    }

    public Line field(String key, String value) {
        return raw(key, LineEscapes.quoted(new StringBuilder(value.length() + 2).append('"'), value).append('"').toString());
    }

    /** The line with its time in milliseconds; a line without any field is not a point ({@code null}). */
    public String at(long millis) {
        return fields ? text.append(' ').append(millis).toString() : null;
    }

    private Line raw(String key, String value) {
        text.append(fields ? ',' : ' ');
        fields = true;
        escape(key, true);
        text.append('=').append(value);
        return this;
    }

    private void escape(String s, boolean equalsToo) {
        LineEscapes.escape(text, s, equalsToo);
    }
}
