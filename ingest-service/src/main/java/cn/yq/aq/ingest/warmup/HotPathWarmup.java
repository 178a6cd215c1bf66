package cn.yq.aq.ingest.warmup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.MqttPublish;
import org.eclipse.paho.mqttv5.common.packet.MqttWireMessage;
import org.influxdb.InfluxDB;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import cn.yq.aq.ingest.mqtt.DeadLetters;
import cn.yq.aq.ingest.mqtt.MqttIngest;
import cn.yq.aq.ingest.pipeline.IngestPipeline;
import cn.yq.aq.ingest.reading.Hj212ReadingMapper;
import cn.yq.aq.ingest.reading.JsonReadingParser;
import cn.yq.aq.ingest.reading.Measurement;
import cn.yq.aq.ingest.reading.Rejection;
import cn.yq.aq.ingest.storage.InfluxWriter;
import cn.yq.aq.ingest.storage.LineProtocol;
import cn.yq.aq.ingest.system.IngestProperties;
import cn.yq.aq.ingest.system.StartOrder;
import cn.yq.aq.ingest.validation.ReadingValidator;
import cn.yq.aq.registry.Registry;
import cn.yq.aq.registry.Source;
import cn.yq.aq.registry.Station;
import cn.yq.aq.support.influx.InfluxClients;
import cn.yq.aq.support.influx.InfluxProperties;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs ingest's hot path on synthetic readings at start, before the MQTT intake subscribes ({@link StartOrder}:
 * after the InfluxDB writer and the web server, before the intakes), so that a replica starting into a backlog meets it compiled: the
 * first 50,000 readings after a start ran at half the warm speed while the JIT compiled the path.
 * <p>
 * It runs the real classes, on instances of its own: first in process until the JIT settles (each synthetic
 * reading's PUBLISH packet decoded by Paho, parsed, validated and turned into its line), then through a
 * second {@link MqttIngest} connected to a {@link LoopbackBroker} of its own (not the real broker: no
 * one's session is touched), with its own {@link IngestPipeline} and an {@link InfluxWriter#forWarmup}
 * writer whose client writes to a {@link LoopbackInflux} of its own (the real InfluxDB is never asked: nothing
 * is stored) and meters of its own (the service's metrics count only real readings). The synthetic traffic is
 * shaped like the real one (Mosquitto's answers, a connect after the path is compiled, times over a year,
 * batches of real lines): the JIT compiles for what it has seen, and code that meets another shape when the
 * backlog arrives goes back to the interpreter. Best effort: a failure only ends it early;
 * {@link IngestProperties.Warmup} bounds it.
 */
@Component
public class HotPathWarmup implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HotPathWarmup.class);
    /** Synthetic readings per round; the JIT's progress is looked at after each. */
    private static final int ROUND = 5_000;
    /** Messages per round through MQTT (about a third of a second). */
    private static final int MQTT_ROUND = 10_000;
    /** Intakes that connect to the loopback broker one after the other (the second rehearses the real connect). */
    private static final int MQTT_CONNECTIONS = 2;

    /** Values as stations and boilers send them (ambient µg/m³, CO mg/m³; CEMS mg/m³, O2 %, flow m³/h). */
    private static final Map<String, double[]> TYPICAL = Map.ofEntries(
            Map.entry("pm25", new double[] {5, 250}), Map.entry("pm10", new double[] {10, 400}),
            Map.entry("so2", new double[] {2, 80}), Map.entry("no2", new double[] {5, 120}), Map.entry("co", new double[] {0.2, 4}),
            Map.entry("o3", new double[] {5, 250}), Map.entry("nmhc", new double[] {0.05, 2}), Map.entry("thc", new double[] {1, 4}),
            Map.entry("ch4", new double[] {1, 3}), Map.entry("temp", new double[] {0, 35}), Map.entry("rh", new double[] {10, 95}),
            Map.entry("pressure", new double[] {900, 1040}), Map.entry("wind_speed", new double[] {0, 12}),
            Map.entry("wind_dir", new double[] {0, 359}), Map.entry("pm", new double[] {1, 9}),
            Map.entry("nox", new double[] {10, 45}), Map.entry("o2", new double[] {3, 12}),
            Map.entry("flow", new double[] {20_000, 150_000}), Map.entry("humidity", new double[] {2, 15}));

    private final JsonReadingParser json;
    private final Hj212ReadingMapper hj212;
    private final ReadingValidator validator;
    private final LineProtocol lines;
    private final InfluxProperties database;
    private final DeadLetters deadLetters;
    private final Registry registry;
    private final Clock clock;
    private final IngestProperties properties;
    private final IngestProperties.Warmup config;
    /** Only to build the warm-up's own meters like it ({@link WarmupMeters}); never counted in. */
    private final MeterRegistry serviceMeters;
    private volatile boolean running;

    /** A synthetic message: its QoS 1 PUBLISH packet as Paho encodes it, and what its topic says. */
    private record Packet(byte[] bytes, Measurement measurement, String id) {
    }

    /**
     * What a warm-up did: synthetic readings run in process, then through MQTT (acknowledged) in how many
     * connections, the lines its writer sent to the loopback InfluxDB, how many validation refused.
     */
    record Result(int readings, long mqtt, int connections, long linesWritten, int refused) {
    }

    /** The MQTT part: messages acknowledged, connections that subscribed. */
    private record ThroughMqtt(long acked, int connections) {
    }

    public HotPathWarmup(JsonReadingParser json, Hj212ReadingMapper hj212, ReadingValidator validator, LineProtocol lines,
                         InfluxProperties database, DeadLetters deadLetters, Registry registry, Clock clock,
                         IngestProperties properties, MeterRegistry serviceMeters) {
        this.serviceMeters = serviceMeters;
        this.json = json;
        this.hj212 = hj212;
        this.validator = validator;
        this.lines = lines;
        this.database = database;
        this.deadLetters = deadLetters;
        this.registry = registry;
        this.clock = clock;
        this.properties = properties;
        this.config = properties.warmup();
    }

    @Override
    public void start() {
        running = true;
        if (config.enabled()) {
            try {
                run();
            } catch (IOException | MqttException | RuntimeException e) {
                log.warn("hot-path warm-up ended early: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return StartOrder.WARMUP; // after the writer and the web server, before the intakes
    }

    /**
     * The warm-up: in process until the JIT settles, then through MQTT. The writer's batches go to a sink of the
     * warm-up's own ({@link LoopbackInflux}), through a client built as the service's is.
     */
    Result run() throws IOException, MqttException, InterruptedException {
        List<Packet> packets = packets(new SplittableRandom(20261206));
        if (packets.isEmpty()) {
            return new Result(0, 0, 0, 0, 0);
        }
        MeterRegistry meters = WarmupMeters.like(serviceMeters); // the warm-up's own: the service's count real readings
        try (LoopbackInflux sink = new LoopbackInflux()) {
            InfluxProperties toSink = new InfluxProperties(sink.url(), database.database(), database.retentionPolicy(),
                    database.username(), database.password(), database.readTimeout());
            InfluxDB client = InfluxClients.connect(toSink);
            try {
                return warmUp(packets, InfluxWriter.forWarmup(client, toSink, properties, meters), meters, sink);
            } finally {
                client.close();
            }
        }
    }

    private Result warmUp(List<Packet> packets, InfluxWriter writer, MeterRegistry meters, LoopbackInflux sink)
            throws IOException, MqttException, InterruptedException {
        IngestPipeline pipeline = new IngestPipeline(json, hj212, validator, lines, writer, registry, meters, clock, properties);
        Settling jit = new Settling();
        long start = System.nanoTime();
        long deadline = start + config.maxDuration().toNanos();
        int done = 0;
        int refused = 0;
        while (done < config.maxReadings() && System.nanoTime() < deadline) {
            jit.roundStarts();
            int roundEnd = done + ROUND;
            for (; done < roundEnd; done++) {
                Packet p = packets.get(done % packets.size());
                MqttPublish publish = (MqttPublish) MqttWireMessage.createWireMessage(p.bytes());
                String[] levels = publish.getTopicName().split("/", -1);
                try {
                    pipeline.prepareJson(publish.getMessage().getPayload(), p.measurement(), levels[3]);
                } catch (Rejection e) {
                    refused++; // e.g. a range configured narrower than the synthetic values: still the same path
                }
            }
            if (jit.roundEndsSettled() && done >= config.minReadings()) {
                break;
            }
        }
        ThroughMqtt viaMqtt = config.mqttReadings() > 0 ? throughMqtt(packets, pipeline, writer, meters, deadline)
                : new ThroughMqtt(0, 0);
        refused += (int) meters.find("aq.ingest.rejected").counters().stream().mapToDouble(c -> c.count()).sum();
        log.info("hot path warmed up: {} synthetic readings in process and {} through MQTT from a loopback broker ({}"
                        + " connections, {} lines to the loopback InfluxDB) in {} ms ({} ms of JIT compilation meanwhile;"
                        + " {} refused by validation)", done, viaMqtt.acked(), viaMqtt.connections(), sink.lines(),
                (System.nanoTime() - start) / 1_000_000, jit.compilationMillis(), refused);
        return new Result(done, viaMqtt.acked(), viaMqtt.connections(), sink.lines(), refused);
    }

    /**
     * The readings as QoS 1 messages from the loopback broker to an intake of the warm-up's own, in two
     * connections one after the other, as the real intake's start follows the warm-up: once the first has run
     * the path compiled, a second intake disconnects, connects and subscribes through that compiled code (the
     * packets the real intake's start sends and receives) and runs it again until the JIT has settled once more.
     */
    private ThroughMqtt throughMqtt(List<Packet> packets, IngestPipeline pipeline, InfluxWriter writer, MeterRegistry meters,
                             long deadline) throws IOException, InterruptedException {
        List<LoopbackBroker.Publish> publishes = new ArrayList<>();
        for (Packet p : packets) {
            publishes.add(LoopbackBroker.publish(p.bytes()));
        }
        IngestProperties.Mqtt real = properties.mqtt();
        try (LoopbackBroker broker = new LoopbackBroker(Math.max(1, Math.min(1000, real.receiveMaximum())))) {
            IngestProperties onLoopback = properties.withMqtt(real.onLoopback(broker.url(), "warmup-" + real.clientId()));
            writer.start();
            int connections = 0;
            try {
                while (connections < MQTT_CONNECTIONS) {
                    MqttIngest intake = new MqttIngest(onLoopback, pipeline, deadLetters, meters);
                    intake.start();
                    try {
                        if (!broker.awaitSubscribed(Math.max(1, (deadline - System.nanoTime()) / 1_000_000))) {
                            break;
                        }
                        connections++;
                        if (!untilSettled(broker, publishes, broker.acked() + config.mqttReadings() / 2, deadline)) {
                            break;
                        }
                    } finally {
                        intake.stop();
                    }
                }
                return new ThroughMqtt(broker.acked(), connections);
            } finally {
                writer.stop();
            }
        }
    }

    /**
     * Rounds of messages through the loopback broker, like the first part: until at least {@code minAcked} are
     * acknowledged and the JIT has settled (or the maximum, or the time). False if the time ran out.
     */
    private boolean untilSettled(LoopbackBroker broker, List<LoopbackBroker.Publish> publishes, long minAcked, long deadline)
            throws IOException, InterruptedException {
        Settling jit = new Settling();
        while (broker.acked() < config.maxReadings()) {
            jit.roundStarts();
            if (!broker.send(publishes, MQTT_ROUND, deadline)) {
                return false;
            }
            if (jit.roundEndsSettled() && broker.acked() >= minAcked) {
                return true;
            }
        }
        return true;
    }

    /**
     * Readings of the registry's stations and sources with varied values, each in a QoS 1 PUBLISH
     * packet on its contract topic; times in the last year (validation refuses the future).
     */
    private List<Packet> packets(SplittableRandom random) throws MqttException {
        JsonMapper mapper = JsonMapper.builder().build();
        OffsetDateTime hour = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.HOURS), ZoneOffset.ofHours(8));
        List<Packet> packets = new ArrayList<>();
        List<Station> stations = registry.stations();
        List<Source> sources = registry.sources();
        for (int i = 0; i < 2_000 && !(stations.isEmpty() && sources.isEmpty()); i++) {
            boolean ambient = sources.isEmpty() || !stations.isEmpty() && i % 5 != 4;
            ObjectNode reading = mapper.createObjectNode();
            String id;
            List<String> fields;
            if (ambient) {
                Station s = stations.get(i % stations.size());
                id = s.id();
                reading.put("station", id);
                fields = new ArrayList<>(s.pollutants());
            } else {
                Source s = sources.get(i % sources.size());
                id = s.id();
                reading.put("source", id);
                fields = List.of("pm", "so2", "nox", "o2", "flow", "temp", "humidity");
            }
            // over the last year (a backlog after an outage, a replay), ambient on the hour and CEMS on any minute: the
            // JIT compiles date arithmetic and the lag histogram for the values it has seen
            OffsetDateTime time = hour.minusHours(1 + (i * 4_391L) % (366 * 24)).minusMinutes(ambient ? 0 : i % 60);
            // both forms stations send: with seconds, and as OffsetDateTime.toString() writes whole minutes
            reading.put("time", i % 2 == 0 ? time.toString() : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time));
            reading.put("interval", ambient ? "PT1H" : "PT1M");
            ObjectNode values = reading.putObject("values");
            for (String field : fields) {
                double[] range = TYPICAL.getOrDefault(field, new double[] {1, 100});
                double v = random.nextDouble(range[0], range[1]);
                if (range[1] > 50 && random.nextBoolean()) {
                    values.put(field, Math.round(v)); // stations send whole numbers and decimals
                } else {
                    values.put(field, Math.round(v * 10) / 10.0);
                }
            }
            reading.putObject("flags");
            MqttMessage message = new MqttMessage(mapper.writeValueAsBytes(reading));
            message.setQos(1);
            MqttPublish publish = new MqttPublish("aq/v1/" + (ambient ? "ambient/" : "cems/") + id, message, new MqttProperties());
            publish.setMessageId(1 + i);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.writeBytes(publish.getHeader());
            bytes.writeBytes(publish.getPayload());
            packets.add(new Packet(bytes.toByteArray(), ambient ? Measurement.AMBIENT : Measurement.CEMS, id));
        }
        return packets;
    }

    /**
     * Rounds of work until the JIT has settled: two rounds in a row in which compilations took under a tenth
     * of the round's time (a compilation is counted when it ends, so one quiet round is not enough). Without
     * the JVM's compilation time, every round counts as settled (the minimums decide).
     */
    private static final class Settling {

        private final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        private final boolean timed = jit != null && jit.isCompilationTimeMonitoringSupported();
        private final long first = compiled();
        private long roundStart;
        private long roundCompiled;
        private int quietRounds;

        private long compiled() {
            return timed ? jit.getTotalCompilationTime() : 0;
        }

        void roundStarts() {
            roundStart = System.nanoTime();
            roundCompiled = compiled();
        }

        boolean roundEndsSettled() {
            long roundMillis = (System.nanoTime() - roundStart) / 1_000_000;
            quietRounds = (compiled() - roundCompiled) * 10 < roundMillis ? quietRounds + 1 : 0;
            return !timed || quietRounds >= 2;
        }

        /** Milliseconds the JIT compiled since this began, -1 if the JVM does not say. */
        long compilationMillis() {
            return timed ? compiled() - first : -1;
        }
    }
}
