package io.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Loads YAML text blocks as {@code switchboard.yaml} for the config tests. */
final class TestYaml {
    static final String FILE = "switchboard.yaml";

    private TestYaml() {}

    /** Returns the printed problems of the text, with no environment. */
    static List<String> problems(String yaml) {
        return problems(yaml, Map.of());
    }

    static List<String> problems(String yaml, Map<String, String> environment) {
        LoadResult result = ConfigLoader.parse(yaml, FILE, environment);
        assertThat(result.isValid()).as("the config is invalid").isFalse();
        return result.problems().stream().map(ConfigProblem::toString).toList();
    }

    /** Returns the config the text stands for, failing with its problems when it is invalid. */
    static SwitchboardConfig config(String yaml) {
        return config(yaml, Map.of());
    }

    static SwitchboardConfig config(String yaml, Map<String, String> environment) {
        LoadResult result = ConfigLoader.parse(yaml, FILE, environment);
        assertThat(result.problems()).as("problems").isEmpty();
        return ((LoadResult.Valid) result).config();
    }

    /** Returns the connector with the id, failing when there is none. */
    static ConnectorConfig connector(SwitchboardConfig config, String id) {
        assertThat(config.connectors()).containsKey(id);
        return Objects.requireNonNull(config.connectors().get(id));
    }

    /** Returns the one connector of a config with a single connector. */
    static ConnectorConfig connector(String yaml) {
        return config(yaml).connectors().values().iterator().next();
    }
}
