package cn.yq.aq.ingest.reading;

/**
 * Why a message was refused. {@code reason} is a stable code (the dead-letter topic level, the
 * metric tag, the problem type); {@code detail} says exactly what was wrong.
 */
public final class Rejection extends RuntimeException {

    private final String reason;
    private final String id;

    public Rejection(String reason, String detail) {
        this(reason, detail, null);
    }

    /** @param id the station or source concerned, when known from the registry */
    public Rejection(String reason, String detail, String id) {
        super(detail, null, false, false);
        this.reason = reason;
        this.id = id;
    }

    public String reason() {
        return reason;
    }

    public String detail() {
        return getMessage();
    }

    /** Quotes user input for a message: shortened, control characters shown as '?'. */
    public static String quote(String s) {
        String shown = s.length() > 60 ? s.substring(0, 60) + "…" : s;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }

    /** The registered station or source the message concerned, or {@code null}. */
    public String id() {
        return id;
    }
}
