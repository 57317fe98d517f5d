package io.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandTest {
    private static DemoCommand parse(String... arguments) {
        DemoCommand command = new DemoCommand();
        new CommandLine(command).parseArgs(arguments);
        return command;
    }

    @Test
    void drivesTrafficOnATemporaryStoreAtNormalSpeedByDefault() {
        DemoCommand command = parse();

        assertThat(command.traffic).isTrue();
        assertThat(command.data).isNull();
        assertThat(command.speed).isEqualTo(1);
        assertThat(command.port).isEqualTo(8080);
        assertThat(command.adminPort).isEqualTo(8081);
    }

    @Test
    void turnsTrafficOffWithNoTraffic() {
        assertThat(parse("--no-traffic").traffic).isFalse();
        assertThat(parse("--traffic").traffic).isTrue();
    }

    @Test
    void keepsItsDataWhereTold() {
        assertThat(parse("--data", "demo-data").data).isEqualTo(Path.of("demo-data"));
    }

    @Test
    void refusesASpeedOutsideOneToAHundredWithStatusTwo() {
        int status = Main.commandLine().execute("demo", "--speed", "0");

        assertThat(status).isEqualTo(2);
    }
}
