package cn.yq.aq.support.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * The coalescing output: what is flushed arrives, in order, within the delay, in fewer writes than packets;
 * a large buffer goes at once; closing the socket sends what waits first; a failed send is not swallowed.
 */
class BufferedSocketsTest {

    /** The socket's stream as the coalescing output sees it: counts the writes, keeps the bytes. */
    static final class Recording extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final AtomicInteger writes = new AtomicInteger();
        volatile boolean broken;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (broken) {
                throw new IOException("connection reset");
            }
            writes.incrementAndGet();
            bytes.write(b, off, len);
        }

        synchronized byte[] received() {
            return bytes.toByteArray();
        }
    }

    static byte[] await(Recording socket, int length) throws InterruptedException {
        long end = System.nanoTime() + 2_000_000_000L;
        while (socket.received().length < length && System.nanoTime() < end) {
            Thread.sleep(1);
        }
        return socket.received();
    }

    @Test
    void manySmallFlushedPacketsArriveInOrderInFewerWrites() throws Exception {
        Recording socket = new Recording();
        BufferedSockets.CoalescingOutput out = new BufferedSockets.CoalescingOutput(socket);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();

        for (int i = 0; i < 1_000; i++) { // a PUBACK of MQTT 5 is 4 bytes: written and flushed one by one, as Paho does
            byte[] puback = {0x40, 0x02, (byte) (i >> 8), (byte) i};
            out.write(puback);
            out.flush();
            expected.write(puback);
        }

        assertThat(await(socket, 4_000)).isEqualTo(expected.toByteArray());
        // 1,000 flushes within a few milliseconds: sent in a handful of writes, not 1,000
        assertThat(socket.writes.get()).isLessThan(100);
    }

    @Test
    void sixteenKibibytesOrMoreGoAtOnce() throws Exception {
        Recording socket = new Recording();
        BufferedSockets.CoalescingOutput out = new BufferedSockets.CoalescingOutput(socket);

        out.write(new byte[16 * 1024]);
        out.flush();

        assertThat(socket.received()).hasSize(16 * 1024); // no waiting for the flusher
    }

    @Test
    void aFailedSendIsReportedToTheNextWrite() throws Exception {
        Recording socket = new Recording();
        BufferedSockets.CoalescingOutput out = new BufferedSockets.CoalescingOutput(socket);
        socket.broken = true;

        out.write(new byte[] {1, 2, 3});
        out.flush(); // the send happens later, on the flusher thread, and fails there
        Thread.sleep(50);

        assertThatThrownBy(() -> out.write(new byte[] {4})).isInstanceOf(IOException.class).hasMessage("connection reset");
    }

    @Test
    void closingTheSocketSendsWhatWaitsFirst() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Socket client = BufferedSockets.INSTANCE.createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
            try (Socket accepted = server.accept()) {
                // e.g. Paho's DISCONNECT, flushed and at once followed by closing the socket
                client.getOutputStream().write(new byte[] {(byte) 0xe0, 0x00});
                client.getOutputStream().flush();
                client.close();

                InputStream in = accepted.getInputStream();
                assertThat(in.readAllBytes()).containsExactly(0xe0, 0x00);
            }
        }
    }
}
