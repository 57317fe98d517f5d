package io.switchboard.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;

/** {@code switchboard demo}: the gateway with simulated providers on loopback, ready to click. */
@CommandLine.Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Start the gateway with an example config and simulated providers on loopback.")
final class DemoCommand implements Callable<Integer> {
    @CommandLine.Spec
    @SuppressWarnings("NullAway.Init") // picocli injects the spec before call().
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("switchboard demo: not built yet");
        return 1;
    }
}
