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
        StringBuilder shown = new StringBuilder("'");
        int count = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (++count > 60) {
                shown.append('…');
                break;
            }
            // control characters and lone surrogates (not encodable in UTF-8) are shown as '?'
            shown.appendCodePoint(Character.isISOControl(cp) || Character.isSurrogate((char) cp) && cp <= 0xFFFF ? '?' : cp);
        }
        return shown.append('\'').toString();
    }

    /** The registered station or source the message concerned, or {@code null}. */
    public String id() {
        return id;
    }
}
