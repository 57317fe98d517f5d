package io.switchboard.cli;

import io.switchboard.boot.FileConfigControl;
import io.switchboard.boot.Gateway;
import io.switchboard.config.ConfigLoader;
import io.switchboard.config.ConfigProblem;
import io.switchboard.config.LoadResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** {@code switchboard run --config PATH}: serves until stopped, reloading the config when its files change. */
@CommandLine.Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run the gateway with a config file or directory; reloads it when the files change.")
final class RunCommand implements Callable<Integer> {
    @CommandLine.Option(
            names = {"-c", "--config"},
            required = true,
            paramLabel = "FILE_OR_DIR",
            description = "A YAML file, or a directory of *.yaml files.")
    @SuppressWarnings("NullAway.Init") // picocli sets required options before call().
    Path config;

    @CommandLine.Option(
            names = "--event-loops",
            paramLabel = "N",
            description = "Event loops serving the proxy (default: one per core).")
    int eventLoops = Runtime.getRuntime().availableProcessors();

    @CommandLine.Option(
            names = "--log-format",
            paramLabel = "FORMAT",
            description = "human (default) or json: one JSON object per line.")
    LogFormat logFormat = LogFormat.HUMAN;

    @CommandLine.Spec
    @SuppressWarnings("NullAway.Init") // picocli injects the spec before call().
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> environment = System.getenv();
        LoadResult result = ConfigLoader.load(config, environment);
        if (!(result instanceof LoadResult.Valid valid)) {
            for (ConfigProblem problem : result.problems()) {
                err.println(problem);
            }
            err.printf(
                    "%s: %d problems; not starting%n", config, result.problems().size());
            return ValidateCommand.INVALID;
        }
        Gateway gateway;
        try {
            gateway = Gateway.start(
                            valid.config(),
                            eventLoops,
                            Clock.systemUTC(),
                            (runtime, metrics, events) ->
                                    new FileConfigControl(config, environment, runtime, metrics, events).watching())
                    .await();
        } catch (RuntimeException e) {
            err.println("switchboard: could not start: " + e.getMessage());
            return 1;
        }
        return Serving.untilStopped(gateway, config, spec.commandLine().getOut());
    }
}
