package cn.yq.aq.simulator;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The simulator's command line: {@code java -jar simulator.jar <command>}. Subcommands (replay,
 * stations, load) arrive with the deploy issue; until then it prints its usage.
 */
@Command(name = "simulator", mixinStandardHelpOptions = true, version = "aq simulator 0.1",
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
