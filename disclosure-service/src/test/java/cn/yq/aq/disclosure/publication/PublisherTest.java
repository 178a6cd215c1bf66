package cn.yq.aq.disclosure.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import cn.yq.aq.disclosure.system.DisclosureProperties;
import cn.yq.aq.disclosure.upstream.Upstream;
import cn.yq.aq.registry.RegistryLoader;
import cn.yq.aq.support.security.PrincipalHeaders;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The snapshot: the services are asked once per refresh period however many ask; after the first snapshot nobody
 * waits for the services (a stale snapshot is served while the next is made); a service that fails keeps the last one.
 */
class PublisherTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** The services, answering from memory: the month's state, a city AQI, no warnings; each GET counted; one may hang. */
    static final class FakeServices extends Upstream {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicReference<CountDownLatch> hold = new AtomicReference<>();
        final AtomicReference<String> down = new AtomicReference<>();
        volatile int aqi = 80;

        FakeServices(DisclosureProperties p) {
            super(p, new PrincipalHeaders("a-test-secret-of-enough-length-0123", Duration.ofSeconds(60), Clock.systemUTC()), JSON,
                    new SimpleMeterRegistry());
        }

        @Override
        public Optional<JsonNode> get(Service service, String path) {
            calls.incrementAndGet();
            CountDownLatch latch = hold.get();
            if (latch != null) {
                try {
                    latch.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (down.get() != null) {
                throw new UpstreamException(down.get());
            }
            if (path.startsWith("/api/v1/review/months/")) {
                return Optional.of(JSON.readTree("{\"status\":\"open\"}"));
            }
            if (path.startsWith("/api/v1/aqi/daily?city=true")) {
                String today = path.substring(path.indexOf("&to=") + 4);
                return Optional.of(JSON.readTree("[{\"date\":\"" + today + "\",\"aqi\":" + aqi + ",\"level\":2,\"category\":\"良\","
                        + "\"colour\":\"#FFFF00\",\"primaryPollutants\":[\"pm25\"],\"valid\":false}]"));
            }
            return Optional.of(JSON.readTree("[]"));
        }
    }

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        volatile Instant now = Instant.parse("2026-12-07T02:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static final DisclosureProperties PROPERTIES = new DisclosureProperties("http://t", "http://a", Duration.ofSeconds(60), 24, 90,
            "http://p/public");

    @Test
    void afterTheFirstSnapshotNobodyWaitsForTheServices() throws Exception {
        FakeServices services = new FakeServices(PROPERTIES);
        MovingClock clock = new MovingClock();
        Publisher publisher = new Publisher(services, RegistryLoader.builtIn("yangquan"), PROPERTIES, clock, new SimpleMeterRegistry());

        Publisher.Snapshot first = publisher.snapshot();
        assertThat(first.publication().city().today().aqi()).isEqualTo(80);
        // 24 months' state, the city and its 6 counties, the warnings' alerts and the current warnings: 33 GETs
        assertThat(services.calls.get()).isEqualTo(24 + 1 + 6 + 2);
        for (int i = 0; i < 1000; i++) {
            assertThat(publisher.snapshot()).isSameAs(first);
        }
        assertThat(services.calls.get()).isEqualTo(33);

        // a minute later the services are slow: the stale snapshot is served at once while the next is made
        clock.now = clock.now.plusSeconds(61);
        services.aqi = 95;
        CountDownLatch slow = new CountDownLatch(1);
        services.hold.set(slow);
        long t0 = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            assertThat(publisher.snapshot()).isSameAs(first);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
        slow.countDown();
        services.hold.set(null);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (publisher.snapshot() == first && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(publisher.snapshot().publication().city().today().aqi()).isEqualTo(95);
        assertThat(services.calls.get()).as("one renewal, not one per request").isEqualTo(66);

        // the services fail: the last snapshot is served on, and asked for again only a period later
        Publisher.Snapshot second = publisher.snapshot();
        clock.now = clock.now.plusSeconds(61);
        services.down.set("target-service answered 503");
        publisher.snapshot();
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (services.calls.get() == 66 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(100);
        int afterFailure = services.calls.get();
        for (int i = 0; i < 100; i++) {
            assertThat(publisher.snapshot().publication()).isSameAs(second.publication());
        }
        assertThat(services.calls.get()).isEqualTo(afterFailure);
    }
}
