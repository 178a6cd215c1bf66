package cn.yq.aq.support.influx;

/**
 * What InfluxDB's line protocol requires escaped, once for every service that writes lines as text (ingest's readings,
 * target-service's materialised AQI).
 */
public final class LineEscapes {

    private LineEscapes() {
    }

    /**
     * Escapes a measurement ({@code equalsToo} false) or a tag key, tag value or field key. A line break
     * cannot be escaped in the line protocol: it becomes a space (only a registry's text could hold one).
     */
    public static StringBuilder escape(StringBuilder b, String s, boolean equalsToo) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r') {
                c = ' ';
            }
            if (c == ',' || c == ' ' || (equalsToo && c == '=')) {
                b.append('\\');
            }
            b.append(c);
        }
        return b;
    }

    /** Escapes a string field value (inside its double quotes); a line break becomes a space, as in {@link #escape}. */
    public static StringBuilder quoted(StringBuilder b, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r') {
                c = ' ';
            }
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b;
    }
}
