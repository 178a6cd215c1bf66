package cn.yq.aq.gateway.access;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import cn.yq.aq.gateway.system.GatewayProperties;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;

/**
 * A Resilience4j rate limiter per client (in this gateway replica): {@code burst} requests per
 * period of {@code burst / perSecond} seconds, so {@code perSecond} on average. The limiters live in a
 * Caffeine cache bounded in size ({@code maxClients}) and dropped when a client has been quiet for
 * longer than a period (by then its limit is whole again): memory stays bounded whoever knocks.
 */
final class ClientRateLimits {

    private final RateLimiterConfig config;
    private final Cache<String, RateLimiter> limiters;

    ClientRateLimits(GatewayProperties.RateLimit limit) {
        Duration period = Duration.ofNanos(Math.max(1_000_000L, Math.round(limit.burst() / limit.perSecond() * 1e9)));
        this.config = RateLimiterConfig.custom().limitForPeriod(limit.burst()).limitRefreshPeriod(period)
                .timeoutDuration(Duration.ZERO).build();
        this.limiters = Caffeine.newBuilder().maximumSize(limit.maxClients())
                .expireAfterAccess(period.compareTo(Duration.ofMinutes(1)) > 0 ? period : Duration.ofMinutes(1)).build();
    }

    /** 0 when {@code client} may go on, else the whole seconds until it may. */
    long tryAcquire(String client) {
        RateLimiter limiter = limiters.get(client, k -> RateLimiter.of(k, config));
        if (limiter.acquirePermission()) {
            return 0;
        }
        long nanos = ((AtomicRateLimiter) limiter).getDetailedMetrics().getNanosToWait();
        return Math.max(1, (long) Math.ceil(nanos / 1e9));
    }

    /** How many clients' limiters are held now. */
    long clients() {
        limiters.cleanUp();
        return limiters.estimatedSize();
    }
}
