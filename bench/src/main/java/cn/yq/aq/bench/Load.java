package cn.yq.aq.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import cn.yq.aq.simulator.feed.MqttOptions;
import cn.yq.aq.simulator.feed.Publisher;
import cn.yq.aq.simulator.feed.Message;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The ingest benchmark's load generator on its own: {@code --readings} ambient readings (~200 bytes,
 * the benchmark's shape) from {@code --stations} stations {@code BENCH-001…}, minute data from
 * {@code --start}, at QoS 1 with a window in flight (--window), flat out or at {@code --rate} per second.
 * Ingest must know the stations: {@code --write-registry} writes a registry file for
 * {@code AQ_REGISTRY_FILE}.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Publish benchmark-shaped readings over MQTT (the ingest benchmark's load generator).")
public final class Load implements Callable<Integer> {

    @Mixin
    MqttOptions mqtt;

    @Option(names = "--readings", defaultValue = "10000")
    int readings;

    @Option(names = "--stations", defaultValue = "50")
    int stations;

    @Option(names = "--rate", defaultValue = "0", description = "readings per second; 0: flat out")
    int rate;

    @Option(names = "--start", defaultValue = "2024-01-01T00:00:00+08:00", description = "time of the first reading")
    OffsetDateTime start;

    @Option(names = "--write-registry", description = "write a registry of the BENCH stations to this file and exit")
    Path writeRegistry;

    @Override
    public Integer call() throws Exception {
        if (writeRegistry != null) {
            Path file = IngestBenchmark.registry(Files.createTempDirectory("aq-load"), stations);
            Files.copy(file, writeRegistry, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            System.err.println("registry of " + stations + " stations written to " + writeRegistry);
            return 0;
        }
        List<Message> all = IngestBenchmark.readings(readings, stations, start.withOffsetSameInstant(ZoneOffset.ofHours(8)),
                ChronoUnit.MINUTES);
        long t0 = System.nanoTime();
        try (Publisher out = mqtt.connect("aq-load")) {
            int chunk = rate > 0 ? Math.max(1, rate / 10) : all.size();
            for (int from = 0; from < all.size(); from += chunk) {
                List<Message> part = all.subList(from, Math.min(all.size(), from + chunk));
                out.publish(part); // fails if the broker does not acknowledge a message
                if (rate > 0) { // hold back to the rate, a tenth of a second at a time
                    Publisher.sleepUntil(t0 + (long) ((from + part.size()) * 1e9 / rate));
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%,d readings from %d stations published in %.2f s (%,.0f/s)%n",
                readings, stations, seconds, readings / seconds);
        return 0;
    }
}
