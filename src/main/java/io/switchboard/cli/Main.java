package io.switchboard.cli;

import java.util.Arrays;
import picocli.CommandLine;

/** The command line entry point: {@code switchboard run|validate|demo|version}. */
@CommandLine.Command(
        name = "switchboard",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "Gateway and control panel for third-party integrations.",
        subcommands = {
            RunCommand.class,
            ValidateCommand.class,
            DemoCommand.class,
            VersionCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    @SuppressWarnings("NullAway.Init") // picocli injects the spec before run().
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        LogSetup.configure(Arrays.asList(args));
        System.exit(commandLine().execute(args));
    }

    /** Returns the configured command line (tests run it without exiting the JVM). */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
