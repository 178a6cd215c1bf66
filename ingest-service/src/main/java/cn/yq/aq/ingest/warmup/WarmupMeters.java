package cn.yq.aq.ingest.warmup;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.CountingMode;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Meters for the warm-up's own intake, built like the service's registry (a composite of the same kinds of
 * registries) but separate from it: the service's metrics count only real readings, and the JIT compiles
 * the warm-up's meter calls for the same classes the service's calls then meet (a counter of another class
 * at a call site it compiled means compiling that site again, under the backlog).
 */
final class WarmupMeters {

    private WarmupMeters() {
    }

    static MeterRegistry like(MeterRegistry service) {
        if (service instanceof CompositeMeterRegistry composite) {
            CompositeMeterRegistry copy = new CompositeMeterRegistry();
            composite.getRegistries().forEach(r -> copy.add(like(r)));
            return copy;
        }
        if (service instanceof PrometheusMeterRegistry) {
            return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        }
        // push registries (InfluxDB's telemetry) make step meters; a simple registry in step mode makes the same kinds
        return new SimpleMeterRegistry(new SimpleConfig() {
            @Override
            public String get(String key) {
                return null;
            }

            @Override
            public CountingMode mode() {
                return CountingMode.STEP;
            }
        }, Clock.SYSTEM);
    }
}
