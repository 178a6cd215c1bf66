package cn.yq.aq.ingest;

import static cn.yq.aq.ingest.IngestFixture.DB;
import static cn.yq.aq.ingest.IngestFixture.awaitValue;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.yq.aq.testsupport.BootJar;
import cn.yq.aq.testsupport.InfluxServer;
import cn.yq.aq.testsupport.MosquittoServer;
import cn.yq.aq.testsupport.MqttTestClient;
import cn.yq.aq.testsupport.MqttTestClient.Message;
import cn.yq.aq.testsupport.RealServers;

/**
 * Two ingest replicas in one shared-subscription group split the stream: each stores a share, together
 * everything. A class of its own (not in IngestIT): its two replicas' start-up is most of its time, and
 * failsafe's two JVMs balance better with it apart.
 */
@RealServers(databases = DB)
class SharedSubscriptionIT {

    static MosquittoServer mqtt;
    static InfluxServer influx;
    @TempDir
    static Path dir;

    @Test
    void twoReplicasSplitTheStreamThroughTheSharedSubscription() throws Exception {
        Path registry = IngestFixture.registryWithFiftyStations(dir);
        try (BootJar first = IngestFixture.startIngest(mqtt, influx, registry, IngestFixture.freePort(),
                "ingest-it-a", "--aq.mqtt.shared-group=ingest");
             BootJar second = IngestFixture.startIngest(mqtt, influx, registry, IngestFixture.freePort(),
                     "ingest-it-b", "--aq.mqtt.shared-group=ingest");
             MqttTestClient publisher = new MqttTestClient(mqtt.url(), "it-publisher")) {
            OffsetDateTime start = OffsetDateTime.of(2025, 11, 1, 0, 0, 0, 0, IngestIT.CST);
            List<Message> stream = IngestIT.series(List.of("ST-001", "ST-002"), start, 1000);
            assertThat(publisher.publishAll(stream, 200)).isEmpty();
            assertThat(awaitValue(() -> influx.scalar(DB, "SELECT count(pm25) FROM ambient WHERE station =~ /^ST-00[12]$/"
                    + " AND " + IngestIT.window(start, 1000)), 2000, Duration.ofSeconds(60))).isEqualTo(2000);
            // each replica took a share (Mosquitto splits a shared subscription round-robin)
            double byFirst = storedBy(first);
            double bySecond = storedBy(second);
            assertThat(bySecond).isGreaterThan(100);
            assertThat(byFirst).isGreaterThan(100);
            assertThat(byFirst + bySecond).isGreaterThanOrEqualTo(2000); // ≥: a redelivery may be stored twice
        }
    }

    /** aq_ingest_stored_total over MQTT, from a replica's Prometheus scrape. */
    static double storedBy(BootJar replica) {
        return cn.yq.aq.testsupport.PrometheusText.sum(replica.get("/actuator/prometheus").body(), "aq_ingest_stored_total",
                Map.of("channel", "mqtt"));
    }
}
