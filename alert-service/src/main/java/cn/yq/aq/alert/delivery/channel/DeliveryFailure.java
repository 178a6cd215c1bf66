package cn.yq.aq.alert.delivery.channel;

/**
 * A channel did not take a notice. {@code permanent}: it refused it for good as it is configured (a
 * bad robot key or signature, a 4xx other than rate limiting): the bureau is told (DELIVERY_FAILED)
 * and the channel keeps its queue until it is fixed. Otherwise (down, 5xx, rate limited) it is
 * retried with back-off.
 */
public final class DeliveryFailure extends RuntimeException {

    private final String outcome;
    private final boolean permanent;

    private DeliveryFailure(String reason, String outcome, boolean permanent) {
        super(reason, null, false, false);
        this.outcome = outcome;
        this.permanent = permanent;
    }

    public static DeliveryFailure transientFailure(String reason) {
        return new DeliveryFailure(reason, "failed", false);
    }

    public static DeliveryFailure rateLimited(String reason) {
        return new DeliveryFailure(reason, "rate-limited", false);
    }

    public static DeliveryFailure rejected(String reason) {
        return new DeliveryFailure(reason, "rejected", true);
    }

    /** The metric's outcome: {@code failed}, {@code rate-limited} or {@code rejected}. */
    public String outcome() {
        return outcome;
    }

    public boolean permanent() {
        return permanent;
    }
}
