package cn.yq.aq.simulator;

import java.util.concurrent.Callable;

import picocli.CommandLine;

/**
 * A command line made of subcommands (the simulator's, the benchmarks'): run without one, it shows its
 * usage; {@link #run} executes the arguments and exits with the command's code.
 */
public abstract class CommandGroup implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.out);
        return 0;
    }

    protected static void run(CommandGroup group, String[] args) {
        System.exit(new CommandLine(group).execute(args));
    }
}
