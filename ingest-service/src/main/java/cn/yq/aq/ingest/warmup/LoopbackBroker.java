package cn.yq.aq.ingest.warmup;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Just enough of an MQTT 5 broker, on the loopback interface, for the warm-up's one client: CONNACK,
 * SUBACK, PINGRESP, and QoS 1 PUBLISH packets sent with a window of unacknowledged ones (its PUBACKs
 * open the window again). It lets the warm-up run Paho's own receive, callback and acknowledgement
 * path (and our session's) on real sockets, without touching the real broker or anyone's session.
 */
final class LoopbackBroker implements AutoCloseable {

    private final ServerSocket server;
    private final CountDownLatch subscribed = new CountDownLatch(1);
    private final AtomicLong acked = new AtomicLong();
    private final Semaphore window;
    private volatile Socket client;
    private volatile OutputStream out;
    private final Thread reader;

    LoopbackBroker(int window) throws IOException {
        this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.window = new Semaphore(window);
        this.reader = new Thread(this::serve, "warmup-broker");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    String url() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /** Waits until the client has connected and subscribed. */
    boolean awaitSubscribed(long millis) throws InterruptedException {
        return subscribed.await(millis, TimeUnit.MILLISECONDS);
    }

    long acked() {
        return acked.get();
    }

    /** An encoded QoS 1 PUBLISH and where its packet id goes. */
    record Publish(byte[] bytes, int idAt) {
    }

    /**
     * Sends {@code count} QoS 1 packets, cycling through {@code packets}, at most the window unacknowledged;
     * then waits (up to {@code deadlineNanos}) for the last acknowledgements. False if the deadline came first.
     */
    boolean send(List<Publish> packets, int count, long deadlineNanos) throws IOException, InterruptedException {
        long target = acked.get() + count; // the earlier sends' acknowledgements are all in
        int id = 0;
        for (int i = 0; i < count; i++) {
            if (!window.tryAcquire(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return false;
            }
            Publish packet = packets.get(i % packets.size());
            id = id % 65_535 + 1; // 1..65535; the window keeps ids in use far apart
            synchronized (this) {
                packet.bytes()[packet.idAt()] = (byte) (id >> 8);
                packet.bytes()[packet.idAt() + 1] = (byte) id;
                out.write(packet.bytes());
                if (i % 64 == 63 || i == count - 1) {
                    out.flush();
                }
            }
        }
        while (acked.get() < target) {
            if (System.nanoTime() > deadlineNanos) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    /** A QoS 1 PUBLISH of MQTT 5: fixed header, topic, packet id (set when sent), no properties, payload. */
    static Publish publish(String topic, byte[] payload) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        int remaining = 2 + t.length + 2 + 1 + payload.length;
        byte[] length = varint(remaining);
        byte[] p = new byte[1 + length.length + remaining];
        int i = 0;
        p[i++] = 0x32; // PUBLISH, QoS 1
        System.arraycopy(length, 0, p, i, length.length);
        i += length.length;
        p[i++] = (byte) (t.length >> 8);
        p[i++] = (byte) t.length;
        System.arraycopy(t, 0, p, i, t.length);
        i += t.length;
        int idAt = i;
        i += 2;
        p[i++] = 0; // no properties
        System.arraycopy(payload, 0, p, i, payload.length);
        return new Publish(p, idAt);
    }

    private static byte[] varint(int value) {
        byte[] b = new byte[4];
        int n = 0;
        do {
            int digit = value % 128;
            value /= 128;
            b[n++] = (byte) (value > 0 ? digit | 0x80 : digit);
        } while (value > 0);
        return java.util.Arrays.copyOf(b, n);
    }

    private void serve() {
        try (Socket s = server.accept()) {
            client = s;
            s.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream(), 65_536));
            out = new BufferedOutputStream(s.getOutputStream(), 65_536);
            while (true) {
                int type = in.read();
                if (type < 0) {
                    return;
                }
                byte[] body = new byte[readVarint(in)];
                in.readFully(body);
                switch (type & 0xf0) {
                    case 0x10 -> answer(new byte[] {0x20, 3, 0, 0, 0}); // CONNACK: no session, success, no properties
                    case 0x80 -> suback(body);
                    case 0x40 -> {
                        acked.incrementAndGet();
                        window.release();
                    }
                    case 0xc0 -> answer(new byte[] {(byte) 0xd0, 0}); // PINGRESP
                    case 0xe0 -> {
                        return; // DISCONNECT
                    }
                    default -> {
                        // nothing else is expected from the warm-up's client
                    }
                }
            }
        } catch (IOException e) {
            // closed: the warm-up is over
        }
    }

    /** SUBACK granting QoS 1 to each filter of the SUBSCRIBE. */
    private void suback(byte[] body) throws IOException {
        int i = 2;
        int propertiesLength = 0;
        int shift = 0;
        int b;
        do {
            b = body[i++] & 0xff;
            propertiesLength |= (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        i += propertiesLength;
        int filters = 0;
        while (i + 2 <= body.length) {
            i += 2 + ((body[i] & 0xff) << 8 | (body[i + 1] & 0xff)) + 1;
            filters++;
        }
        byte[] ack = new byte[2 + 2 + 1 + filters];
        ack[0] = (byte) 0x90;
        ack[1] = (byte) (3 + filters);
        ack[2] = body[0];
        ack[3] = body[1];
        for (int f = 0; f < filters; f++) {
            ack[5 + f] = 1;
        }
        answer(ack);
        subscribed.countDown();
    }

    private synchronized void answer(byte[] packet) throws IOException {
        out.write(packet);
        out.flush();
    }

    private static int readVarint(InputStream in) throws IOException {
        int value = 0;
        int shift = 0;
        int b;
        do {
            b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            value |= (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return value;
    }

    @Override
    public void close() {
        try {
            server.close();
            Socket s = client;
            if (s != null) {
                s.close();
            }
        } catch (IOException e) {
            // closing
        }
    }
}
