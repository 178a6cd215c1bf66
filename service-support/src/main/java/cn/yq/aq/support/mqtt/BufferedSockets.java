package cn.yq.aq.support.mqtt;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

import javax.net.SocketFactory;

/**
 * Plain TCP sockets whose input is buffered. Paho reads each packet from the socket's own stream a
 * few bytes at a time (the fixed header byte by byte, then the rest): a system call per read, which
 * the ingest profile showed as a tenth of its CPU per message. A buffer of 64 KiB turns a burst of
 * messages into one read. Only for {@code tcp://} (TLS brings its own buffered streams).
 */
final class BufferedSockets extends SocketFactory {

    static final BufferedSockets INSTANCE = new BufferedSockets();

    private BufferedSockets() {
    }

    /** A socket whose {@link #getInputStream()} is the one buffered stream over the socket's own. */
    static final class BufferedSocket extends Socket {
        private InputStream in;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new BufferedInputStream(super.getInputStream(), 64 * 1024);
            }
            return in;
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
