package cn.yq.aq.support.mqtt;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.net.SocketFactory;

/**
 * Plain TCP sockets whose input is buffered and whose output is coalesced. Paho reads each packet
 * from the socket's own stream a few bytes at a time (the fixed header byte by byte, then the rest):
 * a system call per read, which the ingest profile showed as a tenth of its CPU per message. A buffer
 * of 64 KiB turns a burst of messages into one read. On the way out Paho writes and flushes every
 * packet on its own (a PUBACK per message received: a system call each, and a segment the broker
 * reads on its own); {@link CoalescingOutput} sends what is flushed at most {@link #FLUSH_DELAY_MICROS}
 * later, together with what came meanwhile. Only for {@code tcp://} (TLS brings its own streams).
 */
final class BufferedSockets extends SocketFactory {

    static final BufferedSockets INSTANCE = new BufferedSockets();

    private BufferedSockets() {
    }

    /** How long a flushed packet may wait for others to go out with it. */
    static final long FLUSH_DELAY_MICROS = 500;

    /** Sends the coalesced output of every socket: one daemon thread, woken at most once per delay per socket. */
    private static final ScheduledThreadPoolExecutor FLUSHER = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "mqtt-socket-flush");
        t.setDaemon(true);
        return t;
    });

    /**
     * A socket whose {@link #getInputStream()} is the one buffered stream over the socket's own, and whose
     * {@link #getOutputStream()} coalesces; closing it sends what is still waiting first (Paho's DISCONNECT).
     */
    static final class BufferedSocket extends Socket {
        private InputStream in;
        private CoalescingOutput out;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new BufferedInputStream(super.getInputStream(), 64 * 1024);
            }
            return in;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                out = new CoalescingOutput(super.getOutputStream());
            }
            return out;
        }

        @Override
        public synchronized void close() throws IOException {
            if (out != null && !isClosed()) {
                try {
                    out.send();
                } catch (IOException e) {
                    // the connection is gone already: nothing more can be sent
                }
            }
            super.close();
        }
    }

    /**
     * Output kept in a buffer until it is flushed: then sent at once if it holds 16 KiB or more, otherwise
     * within {@link #FLUSH_DELAY_MICROS} by the flusher thread, with whatever else was written meanwhile.
     * A failed send is reported to the next write or flush (Paho then treats the connection as lost).
     */
    static final class CoalescingOutput extends OutputStream {
        private static final int SEND_AT_ONCE = 16 * 1024;
        private final OutputStream socket;
        private final byte[] buffer = new byte[64 * 1024];
        private int count;
        private boolean scheduled;
        private IOException failed;

        CoalescingOutput(OutputStream socket) {
            this.socket = socket;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            check();
            if (len > buffer.length - count) {
                send();
            }
            if (len >= buffer.length) {
                socket.write(b, off, len);
                return;
            }
            System.arraycopy(b, off, buffer, count, len);
            count += len;
        }

        @Override
        public synchronized void flush() throws IOException {
            check();
            if (count >= SEND_AT_ONCE) {
                send();
            } else if (count > 0 && !scheduled) {
                scheduled = true;
                FLUSHER.schedule(this::deferred, FLUSH_DELAY_MICROS, TimeUnit.MICROSECONDS);
            }
        }

        private synchronized void deferred() {
            scheduled = false;
            try {
                send();
            } catch (IOException e) {
                failed = e;
            }
        }

        /** Sends what the buffer holds now. */
        synchronized void send() throws IOException {
            if (count > 0) {
                int n = count;
                count = 0;
                socket.write(buffer, 0, n);
                socket.flush();
            }
        }

        private void check() throws IOException {
            if (failed != null) {
                throw failed;
            }
        }

        @Override
        public void close() throws IOException {
            try {
                send();
            } finally {
                socket.close();
            }
        }
    }

    @Override
    public Socket createSocket() {
        return new BufferedSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    /** A buffered socket connected to {@code remote}, bound first to {@code local} if given. */
    private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket s = createSocket();
        if (local != null) {
            s.bind(local);
        }
        s.connect(remote);
        return s;
    }
}
