package cn.yq.aq.gateway.access;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per client (in this gateway replica): {@code burst} requests at once, refilled at
 * {@code perSecond}. {@link #tryAcquire} answers 0 when allowed, else the seconds until a token.
 */
final class RateLimiter {

    private final double burst;
    private final double perSecond;
    private final ConcurrentMap<String, double[]> buckets = new ConcurrentHashMap<>(); // {tokens, last nanos}

    RateLimiter(int burst, double perSecond) {
        this.burst = burst;
        this.perSecond = perSecond;
    }

    long tryAcquire(String client, long nowNanos) {
        double[] b = buckets.computeIfAbsent(client, k -> new double[] {burst, nowNanos});
        synchronized (b) {
            double tokens = Math.min(burst, b[0] + (nowNanos - b[1]) / 1e9 * perSecond);
            b[1] = nowNanos;
            if (tokens >= 1) {
                b[0] = tokens - 1;
                return 0;
            }
            b[0] = tokens;
            return (long) Math.ceil((1 - tokens) / perSecond);
        }
    }
}
