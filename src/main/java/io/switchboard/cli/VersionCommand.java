package io.switchboard.cli;

import java.util.Objects;
import picocli.CommandLine;

/** {@code switchboard version}: prints the version. */
@CommandLine.Command(name = "version", description = "Print the version.", mixinStandardHelpOptions = true)
final class VersionCommand implements Runnable {
    @CommandLine.Spec
    @SuppressWarnings("NullAway.Init") // picocli injects the spec before run().
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().println("switchboard " + version());
    }

    static String version() {
        return Objects.requireNonNullElse(Main.class.getPackage().getImplementationVersion(), "development");
    }

    /** Supplies {@code --version}. */
    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"switchboard " + version()};
        }
    }
}
