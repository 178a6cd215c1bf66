package cn.yq.aq.bench;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import cn.yq.aq.testsupport.InfluxServer;

/**
 * Fills a benchmark's throwaway InfluxDB: line-protocol batches written on two threads, at most four in flight, so
 * that building the next batch overlaps the writes. {@link #close} waits for the last.
 */
final class BulkWriter implements AutoCloseable {

    private final InfluxServer influx;
    private final String database;
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final Deque<Future<?>> inFlight = new ArrayDeque<>();

    BulkWriter(InfluxServer influx, String database) {
        this.influx = influx;
        this.database = database;
    }

    /** Writes one batch (precision seconds). */
    void write(String lineProtocol) throws Exception {
        inFlight.add(pool.submit(() -> influx.write(database, "s", lineProtocol)));
        if (inFlight.size() >= 4) {
            inFlight.removeFirst().get();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            while (!inFlight.isEmpty()) {
                inFlight.removeFirst().get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
