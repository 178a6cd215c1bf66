package cn.yq.aq.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import cn.yq.aq.testsupport.BootJar;
import cn.yq.aq.testsupport.InfluxServer;
import cn.yq.aq.testsupport.MosquittoServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How long ingest takes from {@code java -jar} to a healthy service ({@code /actuator/health} 200: the writer
 * started, the MQTT intake subscribed, the HJ 212 listener bound), as {@code up.sh} runs it, against a real
 * Mosquitto and InfluxDB that are up. Each run is a new JVM; the broker keeps ingest's persistent session
 * between runs, as after a restart. Prints each run and the median and appends one JSON line to {@code --out}.
 */
@Command(name = "ingest-restart", mixinStandardHelpOptions = true,
        description = "Time ingest-service from java -jar to healthy, several starts, median.")
public final class IngestRestart implements Callable<Integer> {

    @Option(names = "--jar", required = true, description = "the ingest-service jar")
    Path jar;

    @Option(names = "--runs", defaultValue = "5")
    int runs;

    @picocli.CommandLine.Mixin
    ResultsFile file;

    @Override
    public Integer call() throws Exception {
        List<Double> seconds = new ArrayList<>();
        try (MosquittoServer mqtt = new MosquittoServer().start(); InfluxServer influx = new InfluxServer().start()) {
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                try (BootJar ingest = new BootJar(jar, IngestBenchmark.UP_SH_INGEST_JVM, List.of("--aq.mqtt.url=" + mqtt.url(),
                        "--aq.influx.url=" + influx.url(), "--aq.hj212.port=0", "--aq.mqtt.client-id=bench-restart",
                        "--logging.level.root=WARN")).start()) {
                    double s = (System.nanoTime() - t0) / 1e9;
                    seconds.add(IngestBenchmark.round(s));
                    System.out.printf("run %d: healthy %.2f s after java -jar%n", i + 1, s);
                }
            }
        }
        List<Double> sorted = seconds.stream().sorted().toList();
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        System.out.printf("median %.2f s, range %.2f-%.2f s over %d starts%n", median, sorted.get(0),
                sorted.get(sorted.size() - 1), sorted.size());
        Map<String, Object> line = file.start("ingest-restart");
        line.put("jvm", String.join(" ", IngestBenchmark.UP_SH_INGEST_JVM));
        line.put("seconds", seconds);
        line.put("median_seconds", IngestBenchmark.round(median));
        file.append(line);
        return 0;
    }
}
