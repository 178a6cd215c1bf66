package cn.yq.aq.ingest.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.MqttPublish;
import org.eclipse.paho.mqttv5.common.packet.MqttWireMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import cn.yq.aq.ingest.reading.Measurement;
import cn.yq.aq.ingest.reading.Rejection;
import cn.yq.aq.ingest.storage.InfluxWriter;
import cn.yq.aq.ingest.system.IngestProperties;
import cn.yq.aq.registry.Registry;
import cn.yq.aq.registry.Source;
import cn.yq.aq.registry.Station;
import cn.yq.aq.support.mqtt.MqttSession;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs the hot path on synthetic readings at start, after the InfluxDB writer and before the MQTT intake
 * subscribes (phases 0, 5, 10), so that a replica starting into a backlog meets it compiled. Each reading
 * is what the intake does to a message, short of the write: its MQTT PUBLISH packet decoded by Paho, the
 * JSON parsed, validated and turned into its line ({@link IngestPipeline#prepareJson}); every 20th
 * reading InfluxDB gets an empty write through the writer's client (the request and answer path, nothing
 * stored). Nothing is counted in the intake's metrics and nothing is stored. It stops once the JIT has
 * settled (see {@link IngestProperties.Warmup}); it is best effort: a failure only ends it early.
 */
@Component
public class HotPathWarmup implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HotPathWarmup.class);
    /** Synthetic readings per round; the JIT's progress is looked at after each. */
    private static final int ROUND = 5_000;

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

    private final IngestPipeline pipeline;
    private final InfluxWriter writer;
    private final Registry registry;
    private final Clock clock;
    private final IngestProperties.Warmup config;
    private final IngestProperties.Mqtt mqttConfig;
    private volatile boolean running;

    /** A synthetic message: its PUBLISH packet as it comes off the socket, and what the topic says. */
    private record Packet(String topic, byte[] payload, byte[] bytes, Measurement measurement, String id) {
    }

    public HotPathWarmup(IngestPipeline pipeline, InfluxWriter writer, Registry registry, Clock clock,
                         IngestProperties properties) {
        this.pipeline = pipeline;
        this.writer = writer;
        this.registry = registry;
        this.clock = clock;
        this.config = properties.warmup();
        this.mqttConfig = properties.mqtt();
    }

    @Override
    public void start() {
        running = true;
        if (config.enabled()) {
            try {
                run();
            } catch (RuntimeException | MqttException e) {
                log.warn("hot-path warm-up ended early: {}", e.toString());
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
        return 5; // after the writer (0), before the MQTT intake (10) and the HJ 212 listener (20)
    }

    /**
     * What a warm-up did: synthetic readings run in process, then through MQTT (acknowledged), how many
     * validation refused, whether InfluxDB answered throughout.
     */
    record Result(int readings, long mqtt, int refused, boolean influx) {
    }

    /** The warm-up: in process until the JIT settles, then through Paho and a loopback broker. */
    Result run() throws MqttException {
        List<Packet> packets = packets(new SplittableRandom(20261206));
        if (packets.isEmpty()) {
            return new Result(0, 0, 0, false);
        }
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean timed = jit != null && jit.isCompilationTimeMonitoringSupported();
        long start = System.nanoTime();
        long deadline = start + config.maxDuration().toNanos();
        long jit0 = timed ? jit.getTotalCompilationTime() : 0;
        boolean influx = true;
        int done = 0;
        int refused = 0;
        int quietRounds = 0;
        while (done < config.maxReadings() && System.nanoTime() < deadline) {
            long roundStart = System.nanoTime();
            long roundJit = timed ? jit.getTotalCompilationTime() : 0;
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
                if (influx && done % 20 == 0) {
                    try {
                        writer.writeNothing();
                    } catch (RuntimeException e) {
                        influx = false; // InfluxDB not there yet: the rest still warms up
                        log.info("hot-path warm-up without InfluxDB ({})", e.toString());
                    }
                }
            }
            long roundMillis = (System.nanoTime() - roundStart) / 1_000_000;
            long compiling = timed ? jit.getTotalCompilationTime() - roundJit : 0;
            // a compilation is counted when it ends: two quiet rounds in a row, not one
            quietRounds = compiling * 10 < roundMillis ? quietRounds + 1 : 0;
            if (done >= config.minReadings() && (!timed || quietRounds >= 2)) {
                break; // the JIT has settled
            }
        }
        Mqtt mqtt = new Mqtt(influx);
        long viaMqtt = 0;
        if (config.mqttReadings() > 0) {
            try {
                viaMqtt = mqtt.run(packets, config.mqttReadings(), deadline);
            } catch (IOException | RuntimeException e) {
                log.info("hot-path warm-up through MQTT ended early: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        log.info("hot path warmed up: {} synthetic readings in process and {} through MQTT ({} refused by validation) in {} ms"
                        + " ({} ms of JIT compilation meanwhile)", done, viaMqtt, refused + mqtt.refused.get(),
                (System.nanoTime() - start) / 1_000_000, timed ? jit.getTotalCompilationTime() - jit0 : -1);
        return new Result(done, viaMqtt, refused + mqtt.refused.get(), influx && mqtt.influx);
    }

    /**
     * The second part: the readings as QoS 1 messages from a {@link LoopbackBroker} to an {@link MqttSession} like the
     * intake's (manual acks, a non-blocking handler on Paho's thread), each prepared as the intake does and acknowledged
     * once a writer-like thread has "stored" its batch (an empty InfluxDB write): Paho's receive, callback and
     * acknowledgement path and the futures' completions, with nothing stored and the real broker untouched.
     */
    private final class Mqtt {

        final AtomicInteger refused = new AtomicInteger();
        volatile boolean influx;

        Mqtt(boolean influx) {
            this.influx = influx;
        }

        long run(List<Packet> packets, int count, long deadline) throws IOException, InterruptedException {
            List<LoopbackBroker.Publish> publishes = packets.stream().map(p -> LoopbackBroker.publish(p.topic(), p.payload())).toList();
            BlockingQueue<CompletableFuture<Void>> stored = new LinkedBlockingQueue<>();
            try (LoopbackBroker broker = new LoopbackBroker(Math.min(1000, mqttConfig.receiveMaximum()))) {
                MqttSession session = new MqttSession(new MqttSession.Settings(broker.url(), "warmup-" + mqttConfig.clientId(), null,
                        null, false, Duration.ZERO, mqttConfig.receiveMaximum(), 1), List.of(MqttSession.qos1("aq/v1/#", false)),
                        (MqttSession.NonBlockingHandler) (topic, message, ack) -> {
                            String[] levels = topic.split("/", -1);
                            try {
                                pipeline.prepareJson(message.getPayload(),
                                        "cems".equals(levels[2]) ? Measurement.CEMS : Measurement.AMBIENT, levels[3]);
                            } catch (Rejection e) {
                                refused.incrementAndGet();
                            }
                            CompletableFuture<Void> f = new CompletableFuture<>();
                            f.whenComplete((ok, e) -> ack.run());
                            stored.add(f);
                        }, null);
                Thread completer = new Thread(() -> complete(stored), "warmup-writer");
                completer.setDaemon(true);
                completer.start();
                try {
                    session.start();
                    if (!broker.awaitSubscribed(Math.max(1, (deadline - System.nanoTime()) / 1_000_000))) {
                        return 0;
                    }
                    broker.send(publishes, count, deadline);
                    return broker.acked();
                } finally {
                    session.stop();
                    completer.interrupt();
                }
            }
        }

        /** Like the InfluxDB writer's threads: batches of what has arrived, an (empty) write, then the completions. */
        private void complete(BlockingQueue<CompletableFuture<Void>> stored) {
            List<CompletableFuture<Void>> batch = new ArrayList<>();
            try {
                while (true) {
                    batch.add(stored.take());
                    stored.drainTo(batch, 4_999);
                    if (influx) {
                        try {
                            writer.writeNothing();
                        } catch (RuntimeException e) {
                            influx = false;
                        }
                    }
                    batch.forEach(f -> f.complete(null));
                    batch.clear();
                }
            } catch (InterruptedException e) {
                // the warm-up is over
            }
        }
    }

    /**
     * Readings of the registry's stations and sources with varied values, each in a QoS 1 PUBLISH
     * packet on its contract topic; times in the last hours (validation refuses the future).
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
            OffsetDateTime time = hour.minusHours(1 + i % 48);
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
            packets.add(new Packet(publish.getTopicName(), message.getPayload(), bytes.toByteArray(),
                    ambient ? Measurement.AMBIENT : Measurement.CEMS, id));
        }
        return packets;
    }
}
