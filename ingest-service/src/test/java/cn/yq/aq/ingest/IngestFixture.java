package cn.yq.aq.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;

import cn.yq.aq.testsupport.BootJar;
import cn.yq.aq.testsupport.FreePorts;
import cn.yq.aq.testsupport.InfluxServer;
import cn.yq.aq.testsupport.MosquittoServer;
import cn.yq.aq.testsupport.RepoPaths;

/** Starts the ingest jar against the real servers, with the Yangquan registry plus 50 test stations. */
final class IngestFixture {

    static final String DB = "airquality";

    private IngestFixture() {
    }

    /** The Yangquan registry plus stations ST-001 … ST-050 (county chengqu). */
    static Path registryWithFiftyStations(Path dir) throws IOException {
        String yangquan = Files.readString(RepoPaths.resolve("deploy/registry/yangquan.yml"), StandardCharsets.UTF_8);
        StringBuilder extra = new StringBuilder();
        for (int i = 1; i <= 50; i++) {
            extra.append(String.format(Locale.ROOT, "  - {id: ST-%03d, name: 测试%d, county: chengqu, type: township,"
                    + " lat: 37.8, lon: 113.5, countsForCounty: false, countsForCity: false}%n", i, i));
        }
        String text = yangquan.replace("\nsources:\n", "\n" + extra + "sources:\n");
        Path file = dir.resolve("registry.yml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    static BootJar startIngest(MosquittoServer mqtt, InfluxServer influx, Path registry, int hj212Port, String clientId,
                               String... extra) {
        List<String> args = new ArrayList<>(List.of("--aq.mqtt.url=" + mqtt.url(), "--aq.influx.url=" + influx.url(),
                "--aq.hj212.port=" + hj212Port, "--aq.registry.file=" + registry, "--aq.mqtt.client-id=" + clientId,
                "--aq.hj212.idle-timeout=20s"));
        args.addAll(List.of(extra));
        return BootJar.ofModule(args).start();
    }

    static int freePort() {
        return FreePorts.next();
    }

    static String ambient(String station, OffsetDateTime time, double pm25) {
        return String.format(Locale.ROOT, "{\"station\":\"%s\",\"time\":\"%s\",\"interval\":\"PT1H\","
                + "\"values\":{\"pm25\":%s,\"pm10\":%s,\"so2\":9,\"no2\":30,\"co\":0.8,\"o3\":60}}",
                station, time, pm25, pm25 * 1.6);
    }

    /** Waits until {@code value} reaches {@code expected}; returns the last value seen. */
    static double awaitValue(DoubleSupplier value, double expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        double last = Double.NaN;
        while (System.nanoTime() < deadline) {
            try {
                last = value.getAsDouble();
                if (last == expected) {
                    return last;
                }
            } catch (IllegalStateException e) {
                // InfluxDB restarting
            }
            Thread.sleep(200);
        }
        return last;
    }
}
