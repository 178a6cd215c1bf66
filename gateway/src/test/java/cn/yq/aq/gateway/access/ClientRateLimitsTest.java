package cn.yq.aq.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import cn.yq.aq.gateway.system.GatewayProperties;

/** A limit per client, and a bounded number of clients held whoever knocks. */
class ClientRateLimitsTest {

    @Test
    void aClientBeyondItsBurstWaitsAndAnotherIsServed() {
        // burst 5 per 5 / 0.2 = 25 s: five answered, the sixth told to wait at most 25 s
        ClientRateLimits limits = new ClientRateLimits(new GatewayProperties.RateLimit(true, 5, 0.2, 100));
        for (int i = 0; i < 5; i++) {
            assertThat(limits.tryAcquire("county:yuxian")).isZero();
        }
        long wait = limits.tryAcquire("county:yuxian");
        assertThat(wait).isBetween(1L, 25L);
        assertThat(limits.tryAcquire("county:pingding")).isZero();
    }

    @Test
    void theStateOfTenThousandStrangersStaysBounded() {
        ClientRateLimits limits = new ClientRateLimits(new GatewayProperties.RateLimit(true, 200, 100, 1000));
        for (int i = 0; i < 10_000; i++) {
            limits.tryAcquire("station:stranger-" + i);
        }
        assertThat(limits.clients()).isLessThanOrEqualTo(1000);
    }
}
