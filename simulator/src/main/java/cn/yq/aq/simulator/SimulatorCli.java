package cn.yq.aq.simulator;

import picocli.CommandLine.Command;

/**
 * The simulator's command line: {@code java -jar simulator-exec.jar <command>}: {@code replay} (the
 * Beijing dataset over MQTT), {@code stations} (a synthetic Yangquan: stations and boiler CEMS) and
 * {@code province-table} (the province's county ranking). A product: it depends on no test code. The
 * benchmarks and the load generator are the {@code bench} module.
 */
@Command(name = "simulator", mixinStandardHelpOptions = true, version = "aq simulator 0.1",
        subcommands = {cn.yq.aq.simulator.feed.Replay.class, cn.yq.aq.simulator.feed.Stations.class,
                cn.yq.aq.simulator.feed.ProvinceTable.class},
        description = "Station/CEMS simulator and dataset replay for the air-quality platform.")
public final class SimulatorCli extends CommandGroup {

    public static void main(String[] args) {
        run(new SimulatorCli(), args);
    }
}
