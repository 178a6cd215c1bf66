package cn.yq.aq.ingest.warmup;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttConnAck;
import org.eclipse.paho.mqttv5.common.packet.MqttDataTypes;
import org.eclipse.paho.mqttv5.common.packet.MqttPingResp;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.MqttSubAck;
import org.eclipse.paho.mqttv5.common.packet.MqttSubscribe;
import org.eclipse.paho.mqttv5.common.packet.MqttWireMessage;

/**
 * Just enough of an MQTT 5 broker, on the loopback interface, for the warm-up's client: CONNACK, SUBACK,
 * PINGRESP, and QoS 1 PUBLISH packets sent with a window of unacknowledged ones (its PUBACKs open the window
 * again). Packets are encoded and decoded by Paho's own codec. It lets the warm-up run Paho's own receive,
 * callback and acknowledgement path (and our session's) on real sockets, without touching the real broker or
 * anyone's session.
 * <p>
 * It answers as Mosquitto 2 does (its CONNACK carries a topic alias maximum of 10 and its receive maximum;
 * a SUBACK grants QoS 1), and takes one connection after another: the JIT compiles Paho's decoder and
 * sender for the packets it has seen, and a packet of another shape met later (the real broker's CONNACK, the
 * real intake's CONNECT) would send the compiled code back to the interpreter just when the backlog arrives.
 */
final class LoopbackBroker implements AutoCloseable {

    /** Where a CONNECT's flags are in its body: after the protocol name (length and "MQTT") and the version. */
    private static final int CONNECT_FLAGS = 2 + 4 + 1;

    private final ServerSocket server;
    /** A permit per SUBSCRIBE answered (one per connection of the warm-up's client). */
    private final Semaphore subscribed = new Semaphore(0);
    private final AtomicLong acked = new AtomicLong();
    private final Semaphore window;
    private final int windowSize;
    private volatile Socket client;
    private volatile OutputStream out;
    private final Thread reader;

    LoopbackBroker(int window) throws IOException {
        this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.window = new Semaphore(window);
        this.windowSize = window;
        this.reader = new Thread(this::serve, "warmup-broker");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    String url() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /** Waits until the next connection of a client has subscribed (each connection's subscription is waited for once). */
    boolean awaitSubscribed(long millis) throws InterruptedException {
        return subscribed.tryAcquire(millis, TimeUnit.MILLISECONDS);
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

    /**
     * A QoS 1 PUBLISH as Paho encodes it ({@code MqttPublish}'s header and payload) and where its packet id is:
     * after the fixed header (type, remaining length) and the topic.
     */
    static Publish publish(byte[] encoded) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded, 1, encoded.length - 1));
        int fixedHeader = 1 + MqttDataTypes.readVariableByteInteger(in).getEncodedLength();
        return new Publish(encoded, fixedHeader + 2 + in.readUnsignedShort());
    }

    /** One connection after another, until closed. */
    private void serve() {
        boolean connectedBefore = false;
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                client = s;
                s.setTcpNoDelay(true);
                serve(new DataInputStream(new BufferedInputStream(s.getInputStream(), 65_536)),
                        new BufferedOutputStream(s.getOutputStream(), 65_536), connectedBefore);
            } catch (IOException | MqttException e) {
                // this connection ended (or the warm-up is over)
            }
            connectedBefore = true;
        }
    }

    /** One connection's packets; its session is present if a client connected before and this one does not start clean. */
    private void serve(DataInputStream in, OutputStream stream, boolean connectedBefore) throws IOException, MqttException {
        out = stream;
        while (true) {
            int type = in.read();
            if (type < 0) {
                return;
            }
            int length = MqttDataTypes.readVariableByteInteger(in).getValue();
            byte[] body = new byte[length];
            in.readFully(body);
            switch (type >> 4) {
                case MqttWireMessage.MESSAGE_TYPE_CONNECT -> {
                    MqttProperties mosquitto = new MqttProperties();
                    mosquitto.setTopicAliasMaximum(10);
                    mosquitto.setReceiveMaximum(windowSize);
                    boolean cleanStart = (body[CONNECT_FLAGS] & 0x02) != 0;
                    answer(new MqttConnAck(connectedBefore && !cleanStart, 0, mosquitto));
                }
                case MqttWireMessage.MESSAGE_TYPE_SUBSCRIBE -> {
                    MqttSubscribe subscribe = (MqttSubscribe) MqttWireMessage.createWireMessage(packet(type, body));
                    int[] granted = new int[subscribe.getSubscriptions().length];
                    java.util.Arrays.fill(granted, 1);
                    MqttSubAck ack = new MqttSubAck(granted, new MqttProperties());
                    ack.setMessageId(subscribe.getMessageId());
                    answer(ack);
                    subscribed.release();
                }
                case MqttWireMessage.MESSAGE_TYPE_PUBACK -> {
                    acked.incrementAndGet();
                    window.release();
                }
                case MqttWireMessage.MESSAGE_TYPE_PINGREQ -> answer(new MqttPingResp());
                case MqttWireMessage.MESSAGE_TYPE_DISCONNECT -> {
                    return;
                }
                default -> {
                    // nothing else is expected from the warm-up's client
                }
            }
        }
    }

    /** A whole packet again from its first byte and its body, for Paho's decoder. */
    private static byte[] packet(int type, byte[] body) {
        byte[] length = MqttDataTypes.encodeVariableByteInteger(body.length);
        byte[] p = new byte[1 + length.length + body.length];
        p[0] = (byte) type;
        System.arraycopy(length, 0, p, 1, length.length);
        System.arraycopy(body, 0, p, 1 + length.length, body.length);
        return p;
    }

    private synchronized void answer(MqttWireMessage packet) throws IOException, MqttException {
        out.write(packet.getHeader());
        out.write(packet.getPayload());
        out.flush();
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
