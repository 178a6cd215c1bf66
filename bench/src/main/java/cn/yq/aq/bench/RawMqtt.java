package cn.yq.aq.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import cn.yq.aq.simulator.feed.Message;

/**
 * A lean MQTT 3.1.1 client on a plain socket, so that a benchmark's raw limit is the broker's and not
 * its own client's: QoS 1 PUBLISH packets encoded before the clock starts, written through a buffered
 * stream with a window of unacknowledged packets per connection, PUBACKs read by a second thread; and
 * a counting subscriber that acknowledges in batches. Both report the CPU their threads used.
 */
final class RawMqtt {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private RawMqtt() {
    }

    /** What a publish run cost. */
    record Published(long messages, double seconds, long cpuNanos) {
    }

    static byte[] connect(String clientId, boolean cleanSession) {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        int remaining = 10 + 2 + id.length;
        byte[] out = new byte[1 + lengthBytes(remaining) + remaining];
        int i = 0;
        out[i++] = 0x10;
        i = writeLength(out, i, remaining);
        byte[] header = {0, 4, 'M', 'Q', 'T', 'T', 4, (byte) (cleanSession ? 0x02 : 0x00), 0, 60};
        System.arraycopy(header, 0, out, i, header.length);
        i += header.length;
        out[i++] = (byte) (id.length >> 8);
        out[i++] = (byte) id.length;
        System.arraycopy(id, 0, out, i, id.length);
        return out;
    }

    /** A QoS 1 PUBLISH with packet id {@code packetId} (1–65535). */
    static byte[] publish(String topic, byte[] payload, int packetId) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        int remaining = 2 + t.length + 2 + payload.length;
        byte[] out = new byte[1 + lengthBytes(remaining) + remaining];
        int i = 0;
        out[i++] = 0x32;
        i = writeLength(out, i, remaining);
        out[i++] = (byte) (t.length >> 8);
        out[i++] = (byte) t.length;
        System.arraycopy(t, 0, out, i, t.length);
        i += t.length;
        out[i++] = (byte) (packetId >> 8);
        out[i++] = (byte) packetId;
        System.arraycopy(payload, 0, out, i, payload.length);
        return out;
    }

    static int lengthBytes(int n) {
        return n < 128 ? 1 : n < 16_384 ? 2 : n < 2_097_152 ? 3 : 4;
    }

    static int writeLength(byte[] out, int i, int n) {
        do {
            int digit = n % 128;
            n /= 128;
            out[i++] = (byte) (n > 0 ? digit | 0x80 : digit);
        } while (n > 0);
        return i;
    }

    static int readLength(InputStream in) throws IOException {
        int value = 0;
        int multiplier = 1;
        int b;
        do {
            b = in.read();
            if (b < 0) {
                throw new IOException("connection closed");
            }
            value += (b & 0x7f) * multiplier;
            multiplier *= 128;
        } while ((b & 0x80) != 0);
        return value;
    }

    static void expectConnack(DataInputStream in) throws IOException {
        int type = in.read();
        int length = readLength(in);
        byte[] body = in.readNBytes(length);
        if (type != 0x20 || body.length < 2 || body[1] != 0) {
            throw new IOException("CONNACK refused: type " + type + " code " + (body.length > 1 ? body[1] : -1));
        }
    }

    /**
     * Publishes every message at QoS 1 over {@code connections} connections with up to {@code window}
     * unacknowledged each, and returns once all are acknowledged; the packets are encoded first.
     */
    static Published publishAll(String host, int port, List<Message> messages, int connections, int window) throws Exception {
        List<List<byte[]>> parts = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            parts.add(new ArrayList<>());
        }
        for (int i = 0; i < messages.size(); i++) {
            List<byte[]> part = parts.get(i % connections);
            Message m = messages.get(i);
            part.add(publish(m.topic(), m.payload(), 1 + part.size() % 65_535));
        }
        AtomicLong cpu = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            List<byte[]> packets = parts.get(c);
            String clientId = "raw-pub-" + c + "-" + System.nanoTime();
            Thread t = new Thread(() -> {
                try {
                    runConnection(host, port, clientId, packets, Math.min(window, 65_535), cpu);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "raw-pub-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("raw publish failed: " + failures.get(0), failures.get(0));
        }
        return new Published(messages.size(), (System.nanoTime() - t0) / 1e9, cpu.get());
    }

    private static void runConnection(String host, int port, String clientId, List<byte[]> packets, int window, AtomicLong cpu)
            throws Exception {
        try (Socket socket = new Socket(host, port)) {
            socket.setTcpNoDelay(true);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
            out.write(connect(clientId, true));
            out.flush();
            expectConnack(in);
            Semaphore credits = new Semaphore(window);
            int total = packets.size();
            Thread reader = new Thread(() -> {
                long cpu0 = THREADS.getCurrentThreadCpuTime();
                try {
                    for (int acked = 0; acked < total; acked++) {
                        int type = in.read();
                        int length = readLength(in);
                        in.skipNBytes(length);
                        if ((type & 0xf0) != 0x40) {
                            throw new IOException("expected PUBACK, got type " + type);
                        }
                        credits.release();
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } finally {
                    cpu.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu0);
                }
            }, clientId + "-acks");
            reader.start();
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            for (byte[] p : packets) {
                if (!credits.tryAcquire()) {
                    out.flush();
                    credits.acquire();
                }
                out.write(p);
            }
            out.flush();
            cpu.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu0);
            reader.join();
            out.write(new byte[] {(byte) 0xe0, 0}); // DISCONNECT
            out.flush();
        }
    }

    /** A subscriber that only counts: QoS 1, PUBACKs written in batches. */
    static final class Counter implements AutoCloseable {
        private final Socket socket;
        private final Thread reader;
        private final AtomicLong count = new AtomicLong();
        private final AtomicLong cpu = new AtomicLong();
        private volatile boolean closing;

        Counter(String host, int port, String filter) throws IOException {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 256 * 1024));
            out.write(connect("raw-counter-" + System.nanoTime(), true));
            byte[] f = filter.getBytes(StandardCharsets.UTF_8);
            int remaining = 2 + 2 + f.length + 1;
            byte[] sub = new byte[1 + lengthBytes(remaining) + remaining];
            int i = 0;
            sub[i++] = (byte) 0x82;
            i = writeLength(sub, i, remaining);
            sub[i++] = 0;
            sub[i++] = 1;
            sub[i++] = (byte) (f.length >> 8);
            sub[i++] = (byte) f.length;
            System.arraycopy(f, 0, sub, i, f.length);
            i += f.length;
            sub[i] = 1;
            out.write(sub);
            out.flush();
            expectConnack(in);
            int type = in.read();
            in.skipNBytes(readLength(in));
            if (type != (0x90)) {
                throw new IOException("expected SUBACK, got " + type);
            }
            reader = new Thread(() -> {
                long cpu0 = THREADS.getCurrentThreadCpuTime();
                byte[] ack = {0x40, 2, 0, 0};
                try {
                    while (!closing) {
                        int t = in.read();
                        if (t < 0) {
                            break;
                        }
                        int length = readLength(in);
                        if ((t & 0xf0) == 0x30) {
                            int topicLength = in.readUnsignedShort();
                            in.skipNBytes(topicLength);
                            int rest = length - 2 - topicLength;
                            if ((t & 0x06) != 0) {
                                int id = in.readUnsignedShort();
                                rest -= 2;
                                ack[2] = (byte) (id >> 8);
                                ack[3] = (byte) id;
                                out.write(ack);
                            }
                            in.skipNBytes(rest);
                            count.incrementAndGet();
                            if (in.available() == 0) {
                                out.flush();
                            }
                        } else {
                            in.skipNBytes(length);
                        }
                        cpu.set(THREADS.getCurrentThreadCpuTime() - cpu0);
                    }
                } catch (IOException e) {
                    if (!closing) {
                        throw new IllegalStateException(e);
                    }
                }
            }, "raw-counter");
            reader.setDaemon(true);
            reader.start();
        }

        long count() {
            return count.get();
        }

        long cpuNanos() {
            return cpu.get();
        }

        @Override
        public void close() throws IOException {
            closing = true;
            socket.close();
        }
    }
}
