package cn.yq.aq.ingest.warmup;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Where the warm-up's writer sends its batches: an HTTP server on the loopback interface that answers
 * {@code POST /write} as InfluxDB 1.x does when it has stored the points (204, no body) and keeps nothing. The
 * warm-up's writer is then an ordinary writer with an InfluxDB client built as the service's is: the JIT
 * compiles the whole write path (joining a batch's lines, the HTTP client writing bodies of a megabyte, the
 * answer) for what the real writer will do, and not a point reaches the real InfluxDB, which is never asked.
 */
final class LoopbackInflux implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads;
    private final AtomicLong lines = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();

    LoopbackInflux() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "warmup-influx");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/write", this::write);
        server.createContext("/ping", exchange -> answer(exchange, 204));
        server.createContext("/", exchange -> answer(exchange, 404));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Lines received (and dropped) so far. */
    long lines() {
        return lines.get();
    }

    /** Write requests answered so far. */
    long writes() {
        return writes.get();
    }

    private void write(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            answer(exchange, 405);
            return;
        }
        long count = 0;
        byte[] buffer = new byte[65_536];
        boolean any = false;
        try (InputStream body = exchange.getRequestBody()) {
            for (int n; (n = body.read(buffer)) > 0; ) {
                any = true;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        count++;
                    }
                }
            }
        }
        lines.addAndGet(any ? count + 1 : 0); // the client joins a batch's lines with newlines, none after the last
        writes.incrementAndGet();
        answer(exchange, 204);
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("X-Influxdb-Version", "1.6.7");
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
