package cn.yq.aq.standards.evaluation;

/**
 * The guard of the evaluation entry points: a concentration (or an AQI) is a finite number of zero
 * or more. A negative hour, NaN or an infinity is a device or parsing fault, never a value to
 * average, rank or grade: it is refused with {@link IllegalArgumentException} naming what it was,
 * like the AQI functions do.
 */
public final class Concentrations {

    private Concentrations() {
    }

    /** @return {@code value} when it can be a concentration */
    public static double require(double value, String what) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException(what + " must be a finite value >= 0, not " + value);
        }
        return value;
    }

    /** {@code null} (missing) passes; anything else must be a concentration. */
    public static Double requireOrNull(Double value, String what) {
        return value == null ? null : require(value, what);
    }
}
