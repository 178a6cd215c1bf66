package cn.yq.aq.ingest.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.dto.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

import cn.yq.aq.ingest.system.IngestProperties;
import cn.yq.aq.ingest.system.StartOrder;
import cn.yq.aq.support.influx.InfluxProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Writes points to InfluxDB in batches and tells each caller when its point is stored.
 * <p>
 * The InfluxDB 1.x client blocks, so writes run on a few dedicated writer threads, never on an
 * event loop. A batch is retried until InfluxDB takes it: the circuit breaker {@code influx} stops
 * hammering a database that is down, exponential back-off paces the attempts, and the callers'
 * futures stay pending meanwhile (MQTT messages are not acked, so the broker keeps the backlog).
 * Points InfluxDB refuses for good (e.g. a field type conflict) fail alone, not with their batch.
 */
@Component
public class InfluxWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InfluxWriter.class);

    /** A point (its line protocol) and who waits for it. */
    private record Pending(String line, CompletableFuture<Void> stored) {
    }

    /** A point InfluxDB refused for good. */
    public static final class StorageRejected extends RuntimeException {
        StorageRejected(String message) {
            super(message, null, false, false);
        }
    }

    private final InfluxDB influx;
    private final IngestProperties.Influx config;
    private final InfluxProperties database;
    private final BlockingQueue<Pending> queue;
    private final int mqttReserve;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final Timer writeLatency;
    private final DistributionSummary batchSize;
    private final io.micrometer.core.instrument.Counter written;
    /** When the last point was stored (epoch ms): with {@link #written}, the writer's own account of how far it is. */
    private final java.util.concurrent.atomic.AtomicLong lastStored = new java.util.concurrent.atomic.AtomicLong();
    private final ThreadPoolTaskExecutorBuilder executors;
    private volatile ThreadPoolTaskExecutor threads;
    private volatile boolean running;
    private final java.util.concurrent.atomic.AtomicReference<java.time.Instant> outageSince =
            new java.util.concurrent.atomic.AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicLong held = new java.util.concurrent.atomic.AtomicLong();

    public InfluxWriter(InfluxDB influx, InfluxProperties database, IngestProperties properties, CircuitBreakerRegistry breakers,
                        RetryRegistry retries, MeterRegistry meters, ThreadPoolTaskExecutorBuilder executors) {
        this.influx = influx;
        this.database = database;
        this.config = properties.influx();
        // MQTT's places (its receive maximum) come on top of the configured capacity
        this.mqttReserve = properties.mqtt().receiveMaximum();
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity() + mqttReserve);
        this.breaker = breakers.circuitBreaker("influx");
        this.retry = retries.retry("influx-writer", "influx-writer"); // the YAML policy
        this.executors = executors;
        this.writeLatency = Timer.builder("aq.ingest.write.latency").description("InfluxDB batch write time")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.batchSize = DistributionSummary.builder("aq.ingest.batch.size").description("points per InfluxDB write")
                .register(meters);
        meters.gauge("aq.ingest.write.queue", queue, BlockingQueue::size);
        this.written = io.micrometer.core.instrument.Counter.builder("aq.ingest.points.written")
                .description("points InfluxDB accepted").register(meters);
        io.micrometer.core.instrument.Gauge.builder("aq.ingest.write.last", lastStored, t -> t.get() / 1000.0)
                .description("when the last point was stored, epoch seconds (0: none yet)").baseUnit("seconds").register(meters);
    }

    /**
     * Queues a point from MQTT, never waiting (it runs on Paho's callback thread). MQTT needs no
     * waiting: the broker has at most {@code receiveMaximum} unacknowledged messages in flight to us,
     * and that many places of the queue are kept for MQTT ({@link #offer} leaves them free).
     */
    public CompletableFuture<Void> write(String line) {
        return enqueue(line, 0);
    }

    /**
     * Queues a point from HTTP or TCP if there is room now beyond the places kept for MQTT;
     * otherwise the future fails at once (the client is told to retry).
     */
    public CompletableFuture<Void> offer(String line) {
        return enqueue(line, mqttReserve);
    }

    private CompletableFuture<Void> enqueue(String line, int keepFree) {
        Pending pending = new Pending(line, new CompletableFuture<>());
        if (queue.remainingCapacity() <= keepFree || !queue.offer(pending)) {
            pending.stored().completeExceptionally(new IllegalStateException("write queue full"));
        }
        return pending.stored();
    }

    @Override
    public void start() {
        running = true;
        if (config.createDatabase()) {
            createDatabase(); // best effort: if InfluxDB is not up yet, the first write creates it
        }
        // the client blocks: a pool of its own, one thread per writer loop, never an event loop
        ThreadPoolTaskExecutor pool = executors.corePoolSize(config.writers()).maxPoolSize(config.writers())
                .queueCapacity(0).threadNamePrefix("influx-writer-").build();
        pool.setDaemon(true);
        pool.initialize();
        threads = pool;
        for (int i = 0; i < config.writers(); i++) {
            pool.execute(this::run);
        }
    }

    @Override
    public void stop() {
        running = false;
        ThreadPoolTaskExecutor pool = threads;
        if (pool != null) {
            pool.shutdown(); // interrupts the writer loops: what they hold stays unacknowledged or is answered "retry"
            threads = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return StartOrder.WRITER; // starts before the intakes, stops after them
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(config.batchSize());
        while (running) {
            try {
                Pending first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + config.flushInterval().toNanos();
                while (batch.size() < config.batchSize()) {
                    queue.drainTo(batch, config.batchSize() - batch.size());
                    long left = deadline - System.nanoTime();
                    if (batch.size() >= config.batchSize() || left <= 0) {
                        break;
                    }
                    Pending next = queue.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                writeUntilStored(batch);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Thrown into the retry for a batch InfluxDB refuses for good (not worth retrying): written one by one instead. */
    static final class RefusedForGood extends RuntimeException {
        RefusedForGood(InfluxDBException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** Thrown into the retry when ingest stops: the batch stays unacknowledged (MQTT) or answered "retry" (HTTP). */
    static final class Stopping extends RuntimeException {
        Stopping() {
            super("ingest is stopping", null, false, false);
        }
    }

    /**
     * Writes the batch until InfluxDB has it, by the {@code influx-writer} retry policy (application.yml:
     * back-off from 100 ms to {@code aq.influx.max-backoff}, no limit) through the {@code influx} breaker.
     * A missing database is created between attempts; a batch refused for good goes one point at a time.
     */
    private void writeUntilStored(List<Pending> batch) throws InterruptedException {
        try {
            retry.executeRunnable(() -> {
                if (!running) {
                    throw new Stopping();
                }
                try {
                    breaker.executeRunnable(() -> writeLatency.record(() -> write(batch)));
                } catch (RuntimeException e) {
                    failed(e, batch.size());
                }
            });
        } catch (RefusedForGood e) {
            writeOneByOne(batch);
            return;
        } catch (Stopping e) {
            return;
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("stopped while InfluxDB was unavailable");
            }
            throw e;
        }
        batchSize.record(batch.size());
        stored(batch.size());
        batch.forEach(p -> p.stored().complete(null));
        outageEnded();
    }

    private void stored(int points) {
        written.increment(points);
        lastStored.accumulateAndGet(System.currentTimeMillis(), Math::max);
    }

    /**
     * A failed write: a missing database is created, a refusal for good goes point by point, and anything else is
     * an outage; all are thrown on into the retry.
     */
    private void failed(RuntimeException e, int batch) {
        if (e instanceof InfluxDBException.DatabaseNotFoundException) {
            createDatabase();
            throw e;
        }
        if (e instanceof InfluxDBException refused && !refused.isRetryWorth()) {
            throw new RefusedForGood(refused);
        }
        outageStarted(e, batch);
        throw e;
    }

    private void outageStarted(Exception e, int batch) {
        held.accumulateAndGet(queue.size() + batch, Math::max);
        if (outageSince.compareAndSet(null, java.time.Instant.now())) {
            // one line when an outage starts, one when it ends: not a stack trace every few seconds
            log.warn("InfluxDB {} unavailable ({}); readings are held until it is back (MQTT unacknowledged at the broker,"
                    + " HTTP and HJ 212 clients told to send again)", database.url(), e.toString());
        } else {
            log.debug("InfluxDB write failed, retrying: {}", e.toString());
        }
    }

    private void outageEnded() {
        java.time.Instant since = outageSince.getAndSet(null);
        if (since != null) {
            log.info("InfluxDB {} back after {} s; up to {} points were held meanwhile, now being stored", database.url(),
                    java.time.Duration.between(since, java.time.Instant.now()).toSeconds(), held.getAndSet(0));
        }
    }

    /** Isolates the points InfluxDB refuses for good; the others are stored. */
    private void writeOneByOne(List<Pending> batch) throws InterruptedException {
        for (Pending p : batch) {
            List<Pending> single = new ArrayList<>(List.of(p));
            try {
                write(single);
                stored(1);
                p.stored().complete(null);
            } catch (InfluxDBException e) {
                if (e.isRetryWorth()) {
                    writeUntilStored(single);
                } else {
                    log.warn("InfluxDB refused a point for good: {} ({})", e.getMessage(), p.line());
                    p.stored().completeExceptionally(new StorageRejected(e.getMessage()));
                }
            } catch (RuntimeException e) {
                writeUntilStored(single);
            }
        }
    }

    private void write(List<Pending> batch) {
        List<String> lines = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            lines.add(p.line());
        }
        influx.write(database.database(), database.retentionPolicy(), InfluxDB.ConsistencyLevel.ONE, TimeUnit.MILLISECONDS, lines);
    }

    /** Creates the database if missing (first start, or a database dropped by an operator). */
    private void createDatabase() {
        try {
            influx.query(new Query("CREATE DATABASE \"" + database.database().replace("\"", "\\\"") + "\""));
        } catch (RuntimeException e) {
            log.warn("cannot create InfluxDB database {}: {}", database.database(), e.toString());
        }
    }
}
