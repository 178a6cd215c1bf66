package cn.yq.aq.ingest.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import com.sun.net.httpserver.HttpServer;

import cn.yq.aq.ingest.mqtt.DeadLetters;
import cn.yq.aq.ingest.reading.Hj212ReadingMapper;
import cn.yq.aq.ingest.reading.JsonReadingParser;
import cn.yq.aq.ingest.storage.LineProtocol;
import cn.yq.aq.ingest.system.IngestProperties;
import cn.yq.aq.ingest.system.ShippedProperties;
import cn.yq.aq.ingest.system.StartOrder;
import cn.yq.aq.ingest.validation.FieldRules;
import cn.yq.aq.ingest.validation.ReadingValidator;
import cn.yq.aq.registry.Registry;
import cn.yq.aq.registry.RegistryLoader;
import cn.yq.aq.support.influx.InfluxProperties;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The warm-up at start runs the real path (Paho, the intake, the pipeline, the writer and its InfluxDB client) on
 * synthetic readings that the production configuration accepts, from a loopback broker of its own, into a loopback
 * InfluxDB of its own: the service's InfluxDB (here a server that counts what it is asked) is never asked.
 */
class HotPathWarmupTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T03:20:00Z"), ZoneOffset.UTC);

    final Registry registry = RegistryLoader.builtIn("yangquan");
    /** Stands for the service's InfluxDB: counts every request made to it. */
    final HttpServer realInflux;
    final AtomicInteger realInfluxAsked = new AtomicInteger();
    final InfluxProperties database;
    /** The service's registry: the warm-up builds its own like it, and never counts in it. */
    final PrometheusMeterRegistry serviceMeters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    HotPathWarmupTest() throws Exception {
        realInflux = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        realInflux.createContext("/", exchange -> {
            realInfluxAsked.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        realInflux.start();
        database = new InfluxProperties("http://127.0.0.1:" + realInflux.getAddress().getPort(), "airquality", "autogen",
                null, null, Duration.ofSeconds(5));
    }

    @AfterEach
    void stopRealInflux() {
        realInflux.stop(0);
    }

    /** application.yml as the service binds it (its validation ranges), with a warm-up of 10,000 to 20,000 readings, 5,000 through MQTT. */
    static IngestProperties properties(boolean enabled) throws Exception {
        IngestProperties p = ShippedProperties.bind();
        return new IngestProperties(p.mqtt(), p.influx(), p.validation(), p.hj212(),
                new IngestProperties.Warmup(enabled, 10_000, 20_000, Duration.ofSeconds(60), 5_000));
    }

    HotPathWarmup warmup(IngestProperties properties) {
        return new HotPathWarmup(new JsonReadingParser(), new Hj212ReadingMapper(registry),
                new ReadingValidator(registry, new FieldRules(properties), properties, CLOCK), new LineProtocol(registry),
                database, new DeadLetters(properties, CLOCK), registry, CLOCK, properties, serviceMeters);
    }

    @Test
    void runsThePathOnValidReadingsAndStoresNothing() throws Exception {
        HotPathWarmup.Result result = warmup(properties(true)).run();

        // in process between the minimum and the maximum, in whole rounds of 5,000
        assertThat(result.readings()).isBetween(10_000, 20_000);
        assertThat(result.readings() % 5_000).isZero();
        // then at least 5,000 through Paho and the intake's own classes from the loopback broker, in whole rounds of
        // 10,000, all acknowledged, until the JIT settled or the maximum of 20,000
        assertThat(result.mqtt()).isBetween(10_000L, 20_000L);
        assertThat(result.mqtt() % 10_000).isZero();
        // in two connections: the second connects and subscribes on the compiled path, as the real intake will
        assertThat(result.connections()).isEqualTo(2);
        // every synthetic reading passes the production ranges: the warm-up takes the path valid readings take
        assertThat(result.refused()).isZero();
        // each acknowledged reading went to the loopback InfluxDB as a line, and the service's InfluxDB was not asked
        assertThat(result.linesWritten()).isEqualTo(result.mqtt());
        assertThat(realInfluxAsked).hasValue(0);
        // the service's metrics count only real readings
        assertThat(serviceMeters.getMeters()).isEmpty();
    }

    @Test
    void switchedOffItDoesNothing() throws Exception {
        HotPathWarmup warmup = warmup(properties(false));

        warmup.start();

        assertThat(warmup.isRunning()).isTrue(); // the lifecycle still starts (and stops) normally
        assertThat(realInfluxAsked).hasValue(0);
        assertThat(serviceMeters.getMeters()).isEmpty();
        // after the writer and the web server (its start is compiled during the warm-up), before the MQTT intake
        assertThat(warmup.getPhase()).isEqualTo(StartOrder.WARMUP)
                .isGreaterThan(WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE).isLessThan(StartOrder.MQTT_INTAKE);
    }
}
