package cn.yq.aq.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The accounts and ACL that deploy/mosquitto/accounts.sh generates from the Yangquan registry, on a
 * real broker: no anonymous clients, each station publishes only to its own topics, only ingest
 * writes dead letters, only ingest reads the readings.
 */
class MosquittoAccountsTest {

    @TempDir
    static Path dir;
    static MosquittoServer broker;
    static Properties passwords = new Properties();

    @BeforeAll
    static void start() throws Exception {
        Process p = new ProcessBuilder("bash", RepoPaths.resolve("deploy/mosquitto/accounts.sh").toString(),
                RepoPaths.resolve("deploy/registry/yangquan.yml").toString(), dir.toString(), "sim-password")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        try (var in = Files.newBufferedReader(dir.resolve("mqtt-accounts.env"))) {
            passwords.load(in);
        }
        broker = new MosquittoServer(dir.resolve("mosquitto.passwd"), dir.resolve("mosquitto.acl")).start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    static MqttTestClient as(String user, String password, String clientId) {
        return new MqttTestClient(broker.url(), clientId, false, user, password);
    }

    @Test
    void anonymousClientsAndWrongPasswordsCannotConnect() {
        assertThatThrownBy(() -> new MqttTestClient(broker.url(), "anon")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> as("YQ-CQ-01", "guess", "guess")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aStationPublishesOnlyToItsOwnTopicsAndOnlyIngestWritesDeadLetters() {
        try (MqttTestClient ingest = as("ingest", passwords.getProperty("AQ_MQTT_INGEST_PASSWORD"), "ingest-acl-test");
             MqttTestClient station = as("YQ-CQ-01", passwords.getProperty("AQ_MQTT_PASSWORD_YQ_CQ_01"), "station-acl-test");
             MqttTestClient simulator = as("simulator", "sim-password", "sim-acl-test")) {
            ingest.subscribe("aq/v1/#");
            station.subscribe("aq/v1/#");
            station.publish("aq/v1/ambient/YQ-CQ-01", "own");
            assertThat(ingest.next(Duration.ofSeconds(5))).isNotNull().extracting(MqttTestClient.Received::text).isEqualTo("own");
            // another station's topics, another station's HJ 212 MN, dead letters: refused by the broker
            tryPublish(station, "aq/v1/ambient/YQ-CQ-02", "not mine");
            tryPublish(station, "aq/v1/hj212/YQ0000000000000000000002", "not my MN");
            tryPublish(station, "aq/v1/deadletter/forged", "forged");
            tryPublish(simulator, "aq/v1/deadletter/forged", "forged");
            // its own HJ 212 device id is allowed
            station.publish("aq/v1/hj212/YQ0000000000000000000001", "own mn");
            assertThat(ingest.next(Duration.ofSeconds(5)).text()).isEqualTo("own mn");
            // the simulator may publish for any station
            simulator.publish("aq/v1/ambient/YQ-CQ-02", "simulated");
            assertThat(ingest.next(Duration.ofSeconds(5)).text()).isEqualTo("simulated");
            assertThat(ingest.next(Duration.ofSeconds(1))).as("nothing refused got through").isNull();
            // ingest writes dead letters
            ingest.publish("aq/v1/deadletter/invalid-json", "dead");
            assertThat(ingest.next(Duration.ofSeconds(5)).text()).isEqualTo("dead");
            // a station reads nothing, not even its own readings
            assertThat(station.next(Duration.ofSeconds(1))).isNull();
        }
    }

    private static void tryPublish(MqttTestClient client, String topic, String payload) {
        try {
            client.publish(topic, payload); // MQTT v5: the broker answers "not authorised"; Paho may or may not throw
        } catch (IllegalStateException refused) {
            // refused
        }
    }
}
