package cn.yq.aq.ingest.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The warm-up's broker answers as Mosquitto 2 does, connection after connection: the JIT compiles
 * Paho's decoder for what it meets in the warm-up, and another shape met at the real connect (a CONNACK with
 * properties) would send that code back to the interpreter.
 */
class LoopbackBrokerTest {

    /** CONNECT, MQTT 5, clean start, keep-alive 60 s, session expiry 604800 s, receive maximum 5000, client id "ingest-1". */
    static final byte[] CONNECT_CLEAN = {0x10, 0x1d, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x3c, 0x08, 0x11,
            0x00, 0x09, 0x3a, (byte) 0x80, 0x21, 0x13, (byte) 0x88, 0x00, 0x08, 'i', 'n', 'g', 'e', 's', 't', '-', '1'};
    /** SUBSCRIBE, packet id 1, no properties, "aq/v1/#" at QoS 1. */
    static final byte[] SUBSCRIBE = {(byte) 0x82, 0x0d, 0x00, 0x01, 0x00, 0x00, 0x07, 'a', 'q', '/', 'v', '1', '/', '#', 0x01};

    /*
     * What Mosquitto 2.0 (Debian's package, max_inflight_messages 1000 as deploy/mosquitto/mosquitto.conf) answered to
     * these two packets, read off its socket: CONNACK flags 0, reason 0, 6 bytes of properties: topic alias maximum
     * (0x22) 10, receive maximum (0x21) 1000 (0x03e8); SUBACK packet id 1, no properties, granted QoS 1.
     */
    static final byte[] MOSQUITTO_CONNACK = {0x20, 0x09, 0x00, 0x00, 0x06, 0x22, 0x00, 0x0a, 0x21, 0x03, (byte) 0xe8};
    static final byte[] MOSQUITTO_SUBACK = {(byte) 0x90, 0x04, 0x00, 0x01, 0x00, 0x01};

    @Test
    void answersAsMosquittoDoesAndTakesTheNextConnection() throws Exception {
        try (LoopbackBroker broker = new LoopbackBroker(1000)) {
            URI url = URI.create(broker.url());
            byte[] notClean = CONNECT_CLEAN.clone();
            notClean[9] = 0x00;
            byte[] present = MOSQUITTO_CONNACK.clone();
            present[2] = 0x01; // session present: a persistent session's client connecting again

            try (Socket first = new Socket(url.getHost(), url.getPort())) {
                assertSameConnAck(exchange(first, CONNECT_CLEAN, MOSQUITTO_CONNACK.length), MOSQUITTO_CONNACK);
                assertThat(exchange(first, SUBSCRIBE, MOSQUITTO_SUBACK.length)).isEqualTo(MOSQUITTO_SUBACK);
                assertThat(broker.awaitSubscribed(5_000)).isTrue();
            }
            try (Socket second = new Socket(url.getHost(), url.getPort())) {
                assertSameConnAck(exchange(second, notClean, present.length), present);
                assertThat(exchange(second, SUBSCRIBE, MOSQUITTO_SUBACK.length)).isEqualTo(MOSQUITTO_SUBACK);
                assertThat(broker.awaitSubscribed(5_000)).isTrue();
            }
            try (Socket third = new Socket(url.getHost(), url.getPort())) {
                // a clean start after all: no session, as Mosquitto says
                assertSameConnAck(exchange(third, CONNECT_CLEAN, MOSQUITTO_CONNACK.length), MOSQUITTO_CONNACK);
            }
        }
    }

    /**
     * The same CONNACK up to the order of its two properties (Paho's encoder writes the receive maximum first;
     * a decoder meets the same identifiers either way): fixed header, flags, reason and property length equal,
     * then the same two 3-byte properties.
     */
    static void assertSameConnAck(byte[] actual, byte[] mosquitto) {
        assertThat(actual).hasSize(mosquitto.length);
        assertThat(Arrays.copyOfRange(actual, 0, 5)).isEqualTo(Arrays.copyOfRange(mosquitto, 0, 5));
        assertThat(List.of(property(actual, 5), property(actual, 8)))
                .containsExactlyInAnyOrder(property(mosquitto, 5), property(mosquitto, 8));
    }

    static List<Byte> property(byte[] packet, int at) {
        return List.of(packet[at], packet[at + 1], packet[at + 2]);
    }

    static byte[] exchange(Socket socket, byte[] packet, int answerLength) throws Exception {
        socket.setSoTimeout(5_000);
        OutputStream out = socket.getOutputStream();
        out.write(packet);
        out.flush();
        byte[] answer = new byte[answerLength];
        new DataInputStream(socket.getInputStream()).readFully(answer);
        return answer;
    }
}
