package io.switchboard.cli;

import io.switchboard.config.ConfigLoader;
import io.switchboard.config.ConfigProblem;
import io.switchboard.config.LoadResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/** {@code switchboard validate --config PATH}: checks a config and lists every problem; exit 0 valid, 2 invalid. */
@CommandLine.Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = "Check a config file or directory and list every problem (exit 0 valid, 2 invalid).")
final class ValidateCommand implements Callable<Integer> {
    static final int INVALID = 2;

    @CommandLine.Option(
            names = {"-c", "--config"},
            required = true,
            paramLabel = "FILE_OR_DIR",
            description = "A YAML file, or a directory of *.yaml files.")
    @SuppressWarnings("NullAway.Init") // picocli sets required options before call().
    Path config;

    @CommandLine.Spec
    @SuppressWarnings("NullAway.Init") // picocli injects the spec before call().
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        LoadResult result = ConfigLoader.load(config, System.getenv());
        PrintWriter out = spec.commandLine().getOut();
        if (result instanceof LoadResult.Valid valid) {
            out.printf(
                    "%s: valid (%d connectors, %d files)%n",
                    config, valid.config().connectors().size(), valid.files().size());
            return 0;
        }
        for (ConfigProblem problem : result.problems()) {
            out.println(problem);
        }
        out.printf("%s: %d problems%n", config, result.problems().size());
        return INVALID;
    }
}
