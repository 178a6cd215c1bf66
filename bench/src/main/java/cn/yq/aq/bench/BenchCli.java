package cn.yq.aq.bench;

import cn.yq.aq.simulator.CommandGroup;
import picocli.CommandLine.Command;

/**
 * The benchmarks' command line: {@code java -jar bench/target/bench-0.1.0-SNAPSHOT.jar <command>}:
 * {@code ingest-bench}, {@code target-bench}, {@code alert-bench}, {@code gateway-bench}, {@code province-bench}, … (each starts
 * throwaway Mosquitto/InfluxDB and the service jars with test-support, measures, and writes its figures)
 * and {@code load} (the ingest load generator against a running platform). A development tool: it
 * may use test-support; the simulator may not.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, version = "aq bench 0.1",
        subcommands = {Load.class, IngestBenchmark.class, IngestRestart.class, TargetBenchmark.class, AlertBenchmark.class, GatewayBenchmark.class,
            ReviewBenchmark.class, PublicBenchmark.class, ProvinceBenchmark.class},
        description = "Benchmarks of the air-quality platform against the raw limits of its broker and database.")
public final class BenchCli extends CommandGroup {

    public static void main(String[] args) {
        run(new BenchCli(), args);
    }
}
