package cn.yq.aq.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import cn.yq.aq.ingest.reading.Hj212ReadingMapper;
import cn.yq.aq.ingest.reading.JsonReadingParser;
import cn.yq.aq.ingest.storage.InfluxWriter;
import cn.yq.aq.ingest.storage.LineProtocol;
import cn.yq.aq.ingest.system.IngestProperties;
import cn.yq.aq.ingest.validation.FieldRules;
import cn.yq.aq.ingest.validation.ReadingValidator;
import cn.yq.aq.registry.Registry;
import cn.yq.aq.registry.RegistryLoader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The warm-up at start runs the real parse/validate/line path on synthetic readings that the production
 * configuration accepts, stores nothing, counts nothing, and does not depend on InfluxDB being up.
 */
class HotPathWarmupTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T03:20:00Z"), ZoneOffset.UTC);

    final Registry registry = RegistryLoader.builtIn("yangquan");
    final InfluxWriter writer = mock(InfluxWriter.class);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    /** application.yml as the service binds it (its validation ranges), with a warm-up of 20,000 to 40,000 readings. */
    static IngestProperties properties(boolean enabled) throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
                .forEach(environment.getPropertySources()::addLast);
        IngestProperties p = Binder.get(environment).bind("aq", IngestProperties.class).get();
        return new IngestProperties(p.mqtt(), p.influx(), p.validation(), p.hj212(),
                new IngestProperties.Warmup(enabled, 20_000, 40_000, Duration.ofSeconds(60), 5_000));
    }

    HotPathWarmup warmup(IngestProperties properties) {
        IngestPipeline pipeline = new IngestPipeline(new JsonReadingParser(), new Hj212ReadingMapper(registry),
                new ReadingValidator(registry, new FieldRules(properties), properties, CLOCK), new LineProtocol(registry), writer,
                registry, meters, CLOCK, properties);
        return new HotPathWarmup(pipeline, writer, registry, CLOCK, properties);
    }

    @Test
    void runsThePathOnValidReadingsAndStoresNothing() throws Exception {
        HotPathWarmup.Result result = warmup(properties(true)).run();

        // between the minimum and the maximum, in whole rounds of 5,000
        assertThat(result.readings()).isBetween(20_000, 40_000);
        assertThat(result.readings() % 5_000).isZero();
        // every synthetic reading passes the production ranges: the warm-up takes the path valid readings take
        assertThat(result.refused()).isZero();
        assertThat(result.influx()).isTrue();
        // then 5,000 more through Paho from the loopback broker, every one acknowledged
        assertThat(result.mqtt()).isEqualTo(5_000);
        // an empty write for every 20th reading in process (0, 20, 40, …) and one per batch through MQTT; never a real one
        verify(writer, atLeast(result.readings() / 20 + 1)).writeNothing();
        verify(writer, never()).write(any());
        verify(writer, never()).offer(any());
        // the intake's metrics count only real readings
        assertThat(meters.find("aq.ingest.received").counters()).isEmpty();
        assertThat(meters.find("aq.ingest.rejected").counters()).isEmpty();
    }

    @Test
    void withoutInfluxDbItStillWarmsUpTheRest() throws Exception {
        doThrow(new IllegalStateException("connection refused")).when(writer).writeNothing();

        HotPathWarmup.Result result = warmup(properties(true)).run();

        assertThat(result.readings()).isGreaterThanOrEqualTo(20_000);
        assertThat(result.mqtt()).isEqualTo(5_000);
        assertThat(result.influx()).isFalse();
        verify(writer, times(1)).writeNothing(); // tried once, then left alone
    }

    @Test
    void switchedOffItDoesNothing() throws Exception {
        HotPathWarmup warmup = warmup(properties(false));

        warmup.start();

        assertThat(warmup.isRunning()).isTrue(); // the lifecycle still starts (and stops) normally
        verify(writer, never()).writeNothing();
        assertThat(warmup.getPhase()).isBetween(1, 9); // after the writer (0), before the MQTT intake (10)
    }
}
