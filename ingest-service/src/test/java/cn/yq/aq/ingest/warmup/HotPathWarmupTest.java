package cn.yq.aq.ingest.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.atMost;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBIOException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import cn.yq.aq.ingest.mqtt.DeadLetters;
import cn.yq.aq.ingest.reading.Hj212ReadingMapper;
import cn.yq.aq.ingest.reading.JsonReadingParser;
import cn.yq.aq.ingest.storage.LineProtocol;
import cn.yq.aq.ingest.system.IngestProperties;
import cn.yq.aq.ingest.validation.FieldRules;
import cn.yq.aq.ingest.validation.ReadingValidator;
import cn.yq.aq.registry.Registry;
import cn.yq.aq.registry.RegistryLoader;
import cn.yq.aq.support.influx.InfluxProperties;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The warm-up at start runs the real path (Paho, the intake, the pipeline, the writer) on synthetic readings that the
 * production configuration accepts, from a loopback broker of its own; InfluxDB only ever gets empty writes, and a
 * missing InfluxDB does not stop it.
 */
class HotPathWarmupTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T03:20:00Z"), ZoneOffset.UTC);
    static final InfluxProperties DATABASE = new InfluxProperties("http://127.0.0.1:1", "airquality", "autogen", null, null,
            Duration.ofSeconds(5));

    final Registry registry = RegistryLoader.builtIn("yangquan");
    final InfluxDB influx = mock(InfluxDB.class);
    final List<List<String>> writes = new CopyOnWriteArrayList<>();
    /** The service's registry: the warm-up builds its own like it, and never counts in it. */
    final PrometheusMeterRegistry serviceMeters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    HotPathWarmupTest() {
        doAnswer(call -> writes.add(List.copyOf(call.getArgument(4)))).when(influx)
                .write(anyString(), anyString(), any(InfluxDB.ConsistencyLevel.class), any(TimeUnit.class), anyList());
    }

    /** application.yml as the service binds it (its validation ranges), with a warm-up of 10,000 to 20,000 readings, 5,000 through MQTT. */
    static IngestProperties properties(boolean enabled) throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
                .forEach(environment.getPropertySources()::addLast);
        IngestProperties p = Binder.get(environment).bind("aq", IngestProperties.class).get();
        return new IngestProperties(p.mqtt(), p.influx(), p.validation(), p.hj212(),
                new IngestProperties.Warmup(enabled, 10_000, 20_000, Duration.ofSeconds(60), 5_000));
    }

    HotPathWarmup warmup(IngestProperties properties) {
        return new HotPathWarmup(new JsonReadingParser(), new Hj212ReadingMapper(registry),
                new ReadingValidator(registry, new FieldRules(properties), properties, CLOCK), new LineProtocol(registry), influx,
                DATABASE, new DeadLetters(properties, CLOCK), registry, CLOCK, properties, serviceMeters);
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
        // InfluxDB was written to (the client's path), and never a point: every write was an empty one
        assertThat(writes).isNotEmpty().allSatisfy(w -> assertThat(w).isEmpty());
        // the service's metrics count only real readings
        assertThat(serviceMeters.getMeters()).isEmpty();
    }

    @Test
    void withoutInfluxDbItStillWarmsUpTheRest() throws Exception {
        doThrow(new InfluxDBIOException(new java.io.IOException("connection refused"))).when(influx)
                .write(anyString(), anyString(), any(InfluxDB.ConsistencyLevel.class), any(TimeUnit.class), anyList());

        IngestProperties properties = properties(true);
        HotPathWarmup.Result result = warmup(properties).run();

        assertThat(result.readings()).isGreaterThanOrEqualTo(10_000);
        assertThat(result.mqtt()).isGreaterThanOrEqualTo(10_000); // acknowledged all the same: nothing was to be stored
        // asked at most once per writer thread (two by default: both may ask before either has the answer), then left alone
        verify(influx, atMost(properties.influx().writers())).write(anyString(), anyString(), any(InfluxDB.ConsistencyLevel.class), any(TimeUnit.class), anyList());
    }

    @Test
    void switchedOffItDoesNothing() throws Exception {
        HotPathWarmup warmup = warmup(properties(false));

        warmup.start();

        assertThat(warmup.isRunning()).isTrue(); // the lifecycle still starts (and stops) normally
        verifyNoInteractions(influx);
        assertThat(warmup.getPhase()).isBetween(1, 9); // after the writer (0), before the MQTT intake (10)
    }
}
