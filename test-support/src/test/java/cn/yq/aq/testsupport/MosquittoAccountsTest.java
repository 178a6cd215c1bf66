package cn.yq.aq.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The accounts, client ids and access rules that deploy/mosquitto/accounts.sh generates from the
 * Yangquan registry, on a real broker: no anonymous clients, each station publishes only to its own
 * topics, only ingest writes dead letters, only ingest reads the readings, and no device or simulator
 * account can connect with a service's client id or another station's.
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
        broker = new MosquittoServer(dir.resolve("dynamic-security.json")).start();
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
             MqttTestClient station = as("YQ-CQ-01", passwords.getProperty("AQ_MQTT_PASSWORD_YQ_CQ_01"), "YQ-CQ-01");
             MqttTestClient simulator = as("simulator", "sim-password", "simulator")) {
            ingest.subscribe("aq/v1/#");
            try {
                station.subscribe("aq/v1/#"); // refused (MQTT v5 SUBACK "not authorised"); Paho may or may not throw
            } catch (IllegalStateException refused) {
                // refused
            }
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

    /** The client ids of our services' sessions (ingest's persistent session, alert-service's three). */
    static final List<String> SERVICE_IDS = List.of("ingest-1", "ingest-2", "alert-deliverer", "alert-recorder", "alert-control",
            "alert-control-3f2a9c1d");

    @Test
    void noDeviceOrSimulatorAccountCanTakeAServiceOrAnotherStationsClientId() throws Exception {
        List<String> devices = new ArrayList<>();
        for (String key : passwords.stringPropertyNames()) {
            if (key.startsWith("AQ_MQTT_PASSWORD_")) {
                devices.add(key);
            }
        }
        assertThat(devices).hasSizeGreaterThan(15);
        Map<String, String> idOfKey = new TreeMap<>();
        for (String line : Files.readAllLines(RepoPaths.resolve("deploy/registry/yangquan.yml"))) {
            Matcher m = Pattern.compile("^ *- *\\{ *id: *([^,} ]+)").matcher(line);
            if (m.find()) {
                idOfKey.put("AQ_MQTT_PASSWORD_" + m.group(1).toUpperCase(Locale.ROOT).replace('-', '_'), m.group(1));
            }
        }
        // the services' sessions, connected first: none of the attempts below may disturb them
        List<MqttTestClient> services = new ArrayList<>();
        String ingestPw = passwords.getProperty("AQ_MQTT_INGEST_PASSWORD");
        String alertPw = passwords.getProperty("AQ_MQTT_ALERT_PASSWORD");
        for (String id : SERVICE_IDS) {
            services.add(id.startsWith("ingest") ? as("ingest", ingestPw, id) : as("alert", alertPw, id));
        }
        MqttTestClient ingest = services.get(0);
        ingest.subscribe("aq/v1/ambient/#");
        List<String[]> attempts = new ArrayList<>(); // account, password, client id
        List<String> stationIds = new ArrayList<>(idOfKey.values());
        for (String key : devices) {
            String own = idOfKey.get(key);
            assertThat(own).as(key).isNotNull();
            String other = stationIds.get((stationIds.indexOf(own) + 1) % stationIds.size());
            List<String> targets = new ArrayList<>(SERVICE_IDS);
            targets.addAll(List.of(other, "simulator"));
            for (String target : targets) {
                attempts.add(new String[] {own, passwords.getProperty(key), target});
            }
        }
        for (String target : SERVICE_IDS) {
            attempts.add(new String[] {"simulator", "sim-password", target});
        }
        List<String> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
        // a refused CONNECT takes the broker a moment: the attempts run eight at a time
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (String[] a : attempts) {
                done.add(pool.submit(() -> {
                    try (MqttTestClient hijacker = as(a[0], a[1], a[2])) {
                        accepted.add(a[0] + " as " + a[2]);
                    } catch (IllegalStateException refused) {
                        // refused by the broker: not authorised with that client id
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
            assertThat(accepted).as(attempts.size() + " attempts").isEmpty();
            // every service session is still connected, and ingest still receives
            assertThat(services).allSatisfy(c -> assertThat(c.isConnected()).isTrue());
            try (MqttTestClient station = as("YQ-CQ-02", passwords.getProperty("AQ_MQTT_PASSWORD_YQ_CQ_02"), "YQ-CQ-02")) {
                station.publish("aq/v1/ambient/YQ-CQ-02", "after the attempts");
            }
            assertThat(ingest.next(Duration.ofSeconds(5))).isNotNull().extracting(MqttTestClient.Received::text)
                    .isEqualTo("after the attempts");
        } finally {
            pool.shutdownNow();
            services.forEach(MqttTestClient::close);
        }
        // a device account with its own id is accepted (the rule binds, it does not lock out)
        as("YQ-CQ-01", passwords.getProperty("AQ_MQTT_PASSWORD_YQ_CQ_01"), "YQ-CQ-01").close();
    }

    private static void tryPublish(MqttTestClient client, String topic, String payload) {
        try {
            client.publish(topic, payload); // MQTT v5: the broker answers "not authorised"; Paho may or may not throw
        } catch (IllegalStateException refused) {
            // refused
        }
    }
}
