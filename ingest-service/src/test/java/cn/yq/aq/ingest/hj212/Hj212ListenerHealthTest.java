package cn.yq.aq.ingest.hj212;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import cn.yq.aq.ingest.system.IngestProperties;
import cn.yq.aq.ingest.system.ShippedProperties;
import cn.yq.aq.ingest.system.StartOrder;

/**
 * The HJ 212 listener starts last (after the web server and the MQTT intake), so its health says
 * whether data loggers can connect yet: the service's health is UP only once they can.
 */
class Hj212ListenerHealthTest {

    static IngestProperties withHj212(boolean enabled) throws Exception {
        IngestProperties p = ShippedProperties.bind();
        return new IngestProperties(p.mqtt(), p.influx(), p.validation(),
                new IngestProperties.Hj212(enabled, "127.0.0.1", 0, Duration.ofHours(2), 12_000, Duration.ofSeconds(60)));
    }

    @Test
    void downUntilBoundUpWithItsPortDownAgainWhenStopped() throws Exception {
        Hj212TcpServer listener = new Hj212TcpServer(withHj212(true), null, null);
        assertThat(listener.health().getStatus()).isEqualTo(Status.DOWN);

        listener.start();
        try {
            assertThat(listener.health().getStatus()).isEqualTo(Status.UP);
            int port = (Integer) listener.health().getDetails().get("port");
            assertThat(port).isPositive().isEqualTo(listener.port());
            try (Socket logger = new Socket()) {
                logger.connect(new InetSocketAddress("127.0.0.1", port), 2_000); // a data logger can connect
                assertThat(logger.isConnected()).isTrue();
            }
        } finally {
            listener.stop();
        }
        assertThat(listener.health().getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void switchedOffItIsNotWhatHoldsTheServiceDown() throws Exception {
        Hj212TcpServer listener = new Hj212TcpServer(withHj212(false), null, null);
        listener.start();
        assertThat(listener.health().getStatus()).isEqualTo(Status.UP);
        assertThat(listener.health().getDetails()).containsEntry("enabled", false);
    }

    @Test
    void startsAfterTheWebServerAndTheMqttIntake() throws Exception {
        // the health answers as soon as the web server is up and turns UP after the intake has subscribed and the
        // listener is bound; the writer starts first and stops last
        assertThat(StartOrder.WRITER).isLessThan(WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE);
        assertThat(StartOrder.MQTT_INTAKE).isGreaterThan(WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE);
        assertThat(new Hj212TcpServer(withHj212(true), null, null).getPhase()).isEqualTo(StartOrder.HJ212_LISTENER)
                .isGreaterThan(StartOrder.MQTT_INTAKE)
                .isLessThan(WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE); // stops once graceful shutdown began
    }
}
