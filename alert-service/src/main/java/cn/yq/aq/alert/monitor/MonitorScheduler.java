package cn.yq.aq.alert.monitor;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

import cn.yq.aq.alert.state.StateStore;
import cn.yq.aq.alert.system.AlertProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Runs every {@link Monitor} every {@code aq.monitor.every} (after {@code initial-delay}), one after
 * the other on one thread, once the state is loaded; a failing monitor is logged and counted, and the
 * others still run.
 */
@Component
class MonitorScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MonitorScheduler.class);

    private final List<Monitor> monitors;
    private final AlertProperties.Monitor config;
    private final StateStore store;
    private final MeterRegistry meters;
    private final ThreadPoolTaskSchedulerBuilder schedulers;
    private ThreadPoolTaskScheduler executor;
    private volatile boolean running;

    MonitorScheduler(List<Monitor> monitors, AlertProperties properties, StateStore store, MeterRegistry meters,
                     ThreadPoolTaskSchedulerBuilder schedulers) {
        this.schedulers = schedulers;
        this.monitors = monitors;
        this.config = properties.monitor();
        this.store = store;
        this.meters = meters;
    }

    private void tick() {
        if (!store.awaitReady(Duration.ofSeconds(5))) {
            log.warn("monitors skipped: alert state not loaded yet (MQTT broker not reachable?)");
            return;
        }
        for (Monitor m : monitors) {
            Timer.Sample sample = Timer.start(meters);
            String outcome = "ok";
            try {
                m.check();
            } catch (RuntimeException e) {
                outcome = "failed";
                log.warn("monitor {} failed: {}", m.name(), e.toString());
            }
            sample.stop(meters.timer("aq.alert.monitor", "monitor", m.name(), "outcome", outcome));
        }
    }

    @Override
    public void start() {
        running = true;
        if (!config.enabled()) {
            return;
        }
        executor = schedulers.poolSize(1).threadNamePrefix("alert-monitors-").build();
        executor.initialize();
        executor.scheduleWithFixedDelay(this::tick, java.time.Instant.now().plus(config.initialDelay()), config.every());
    }

    @Override
    public void stop() {
        running = false;
        if (executor != null) {
            executor.shutdown();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 20;
    }
}
