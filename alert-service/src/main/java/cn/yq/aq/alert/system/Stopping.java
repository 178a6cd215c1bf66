package cn.yq.aq.alert.system;

/**
 * Thrown by work that finds the service stopping: the Resilience4j retry policies list it under
 * {@code ignore-exceptions}, so a retry loop ends instead of waiting for a store that will not come
 * back in this process (the message stays unacknowledged: the broker hands it over again on the next start).
 */
public final class Stopping extends RuntimeException {

    public Stopping() {
        super("alert-service is stopping", null, false, false);
    }
}
