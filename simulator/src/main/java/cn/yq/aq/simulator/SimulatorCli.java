package cn.yq.aq.simulator;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The simulator's command line: {@code java -jar simulator.jar <command>}: {@code replay} (the
 * Beijing dataset over MQTT), {@code stations} (a synthetic Yangquan), {@code load} (the ingest benchmark's load generator), and the benchmarks
 * ({@code ingest-bench}, {@code target-bench}, {@code alert-bench}, {@code gateway-bench}).
 */
@Command(name = "simulator", mixinStandardHelpOptions = true, version = "aq simulator 0.1",
        subcommands = {cn.yq.aq.simulator.feed.Replay.class, cn.yq.aq.simulator.feed.Stations.class,
                cn.yq.aq.simulator.feed.ProvinceTable.class,
                cn.yq.aq.simulator.bench.Load.class, cn.yq.aq.simulator.bench.IngestBenchmark.class, cn.yq.aq.simulator.bench.TargetBenchmark.class,
                cn.yq.aq.simulator.bench.AlertBenchmark.class, cn.yq.aq.simulator.bench.GatewayBenchmark.class},
        description = "Station/CEMS simulator, dataset replay and load generator for the air-quality platform.")
public final class SimulatorCli implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.out);
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulatorCli()).execute(args));
    }
}
