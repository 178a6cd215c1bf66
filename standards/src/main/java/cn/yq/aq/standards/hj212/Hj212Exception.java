package cn.yq.aq.standards.hj212;

/**
 * A packet that is not valid HJ 212-2017, with the precise reason. The codec throws nothing else
 * for bad input.
 */
public final class Hj212Exception extends RuntimeException {

    /** Why a packet was refused; {@link #code()} is stable (dead-letter reasons, metrics tags). */
    public enum Reason {
        EMPTY, NOT_UTF8, HEADER, TRUNCATED, LENGTH_FORMAT, LENGTH_MISMATCH, CRC_FORMAT, CRC_MISMATCH,
        SEGMENT_FORMAT, MISSING_FIELD, DUPLICATE_FIELD, UNKNOWN_FIELD, BAD_FIELD, TOO_LONG;

        public String code() {
            return "hj212-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private final Reason reason;

    public Hj212Exception(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
