package io.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderDirectoryTest {
    @TempDir
    Path directory;

    private Path write(String name, String yaml) throws IOException {
        return Files.writeString(directory.resolve(name), yaml);
    }

    private static List<String> printed(LoadResult result) {
        return result.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void mergesTheConnectorsOfEveryYamlFileInNameOrder() throws IOException {
        Path gateway = write("00-gateway.yaml", "gateway:\n  listen: 127.0.0.1:9080\n");
        Path sms = write("20-sms.yml", """
                connectors:
                  sms-beta: { upstream: { endpoints: [ "http://b" ] } }
                  sms-alpha: { upstream: { endpoints: [ "http://a" ] } }
                """);
        Path courier =
                write("10-courier.yaml", "connectors:\n  courier: { upstream: { endpoints: [ \"http://c\" ] } }\n");
        write("notes.txt", "not: [ yaml");
        write(".20-sms.yml.swp", "garbage: [");
        Files.createDirectory(directory.resolve("nested.yaml"));

        LoadResult result = ConfigLoader.load(directory, Map.of());

        assertThat(printed(result)).isEmpty();
        assertThat(result.files()).containsExactly(gateway, courier, sms);
        SwitchboardConfig config = ((LoadResult.Valid) result).config();
        assertThat(config.gateway().listen()).isEqualTo(new HostPort("127.0.0.1", 9080));
        assertThat(List.copyOf(config.connectors().keySet())).containsExactly("courier", "sms-beta", "sms-alpha");
    }

    @Test
    void refusesAGatewaySectionInTwoFilesNamingBoth() throws IOException {
        Path first = write("a.yaml", "gateway:\n  listen: :9080\n");
        Path second = write("b.yaml", "# the admin side\ngateway:\n  admin: :9081\n");

        LoadResult result = ConfigLoader.load(directory, Map.of());

        assertThat(printed(result))
                .containsExactly(second + ":2:1: gateway: a second gateway section (expected: gateway in one file"
                        + " only; " + first + ":1:1 has one)");
    }

    @Test
    void refusesAConnectorDefinedInTwoFilesNamingBoth() throws IOException {
        Path first = write("a.yaml", "connectors:\n  sms: { upstream: { endpoints: [ \"http://a\" ] } }\n");
        Path second = write("b.yaml", """
                connectors:
                  mail: { upstream: { endpoints: [ "http://m" ] } }
                  sms: { upstream: { endpoints: [ "http://b" ] } }
                """);

        LoadResult result = ConfigLoader.load(directory, Map.of());

        assertThat(printed(result))
                .containsExactly(second + ":3:3: connectors.sms: a second connector with this id (expected: each"
                        + " connector in one file only; " + first + ":2:3 has it)");
    }

    @Test
    void reportsTheProblemsOfEveryFileInFileOrder() throws IOException {
        Path first = write("a.yaml", "connectors:\n  sms: { upstream: { endpoints: [ \"ftp://a\" ] } }\n");
        Path second = write("b.yaml", "gateway: { listen: nowhere }\n");
        Path third = write("c.yaml", "connectors: [\n");

        LoadResult result = ConfigLoader.load(directory, Map.of());

        assertThat(printed(result))
                .containsExactly(
                        first + ":2:35: connectors.sms.upstream.endpoints[0]: \"ftp://a\" (expected: an absolute http"
                                + " or https URL such as http://10.0.0.5:9000/api)",
                        second + ":1:20: gateway.listen: \"nowhere\" (expected: an address such as 127.0.0.1:8080,"
                                + " [::1]:8080 or :8080)",
                        third + ":2:1: invalid YAML: expected the node content, but found '<stream end>' (while"
                                + " parsing a flow node that starts at line 2, column 1)");
        assertThat(result.files()).containsExactly(first, second, third);
    }

    @Test
    void refusesADirectoryWithoutConfigFiles() throws IOException {
        write("readme.txt", "nothing to see");

        LoadResult result = ConfigLoader.load(directory, Map.of());

        assertThat(printed(result))
                .containsExactly(
                        directory + ": a directory without *.yaml or *.yml files (expected: at least one config"
                                + " file in it)");
    }

    @Test
    void refusesAPathThatDoesNotExist() {
        Path missing = directory.resolve("switchboard.yaml");

        LoadResult result = ConfigLoader.load(missing, Map.of());

        assertThat(printed(result))
                .containsExactly(missing + ": not found (expected: a YAML file, or a directory of them)");
        assertThat(result.files()).isEmpty();
    }

    @Test
    void loadsASingleFileOfAnyName() throws IOException {
        Path file = write("gateway.conf", "\uFEFFgateway:\n  drain-timeout: 5s\n");

        LoadResult result = ConfigLoader.load(file, Map.of());

        assertThat(printed(result)).isEmpty();
        assertThat(result.files()).containsExactly(file);
    }

    @Test
    void refusesAFileThatIsNotUtf8() throws IOException {
        Path file = directory.resolve("latin1.yaml");
        Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});

        LoadResult result = ConfigLoader.load(file, Map.of());

        assertThat(printed(result)).containsExactly(file + ": not UTF-8 text (expected: a YAML file in UTF-8)");
    }

    @Test
    void findsACaFileRelativeToTheFileThatNamesIt() throws IOException {
        Path configs = Files.createDirectory(directory.resolve("conf.d"));
        Files.writeString(configs.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        Files.writeString(
                configs.resolve("sms.yaml"),
                "connectors:\n  sms:\n    upstream: { endpoints: [ \"https://s\" ], tls: { ca-file: ca.pem } }\n");

        LoadResult result = ConfigLoader.load(configs, Map.of());

        assertThat(printed(result)).isEmpty();
        SwitchboardConfig config = ((LoadResult.Valid) result).config();
        assertThat(TestYaml.connector(config, "sms").upstream().tls().caFile()).isEqualTo(configs.resolve("ca.pem"));
    }
}
