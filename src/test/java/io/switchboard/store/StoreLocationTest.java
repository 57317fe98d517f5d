package io.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.config.Secret;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoreLocationTest {
    @Test
    void parsesSqliteIntoItsFile() {
        StoreLocation location = StoreLocation.parse("sqlite:./data/switchboard.db");

        assertThat(location).isEqualTo(new StoreLocation.Sqlite(Path.of("./data/switchboard.db")));
        assertThat(location).hasToString("sqlite:./data/switchboard.db");
    }

    @Test
    void parsesPostgresqlHostPortAndDatabase() {
        StoreLocation location = StoreLocation.parse("postgresql://db.internal:5433/switchboard");

        assertThat(location)
                .isEqualTo(new StoreLocation.Postgres("db.internal", 5433, "switchboard", null, null, Map.of()));
        assertThat(location).hasToString("postgresql://db.internal:5433/switchboard");
    }

    @Test
    void defaultsThePostgresqlPortTo5432AndAcceptsThePostgresScheme() {
        StoreLocation.Postgres location =
                (StoreLocation.Postgres) StoreLocation.parse("postgres://db.internal/switchboard");

        assertThat(location.address()).isEqualTo("db.internal:5432");
    }

    @Test
    void takesUserAndPasswordFromTheUrlWithPercentEncodingUndone() {
        StoreLocation.Postgres location =
                (StoreLocation.Postgres) StoreLocation.parse("postgresql://sb%40ops:p%3Ass+w%2Fd@db:5432/sb");

        assertThat(location.user()).isEqualTo("sb@ops");
        assertThat(location.password()).isEqualTo(new Secret("p:ss+w/d"));
    }

    @Test
    void takesUserAndPasswordFromQueryParametersAndPassesTheRestToTheDriver() {
        StoreLocation.Postgres location = (StoreLocation.Postgres)
                StoreLocation.parse("postgresql://db:5432/sb?user=sb&password=hunter2&sslmode=require");

        assertThat(location.user()).isEqualTo("sb");
        assertThat(location.password()).isEqualTo(new Secret("hunter2"));
        assertThat(location.parameters()).containsExactly(Map.entry("sslmode", "require"));
    }

    @ParameterizedTest(name = "{0} prints without its password")
    @ValueSource(
            strings = {
                "postgresql://sb:hunter2@db:5432/sb",
                "postgresql://db:5432/sb?user=sb&password=hunter2",
                "postgresql://sb@db:5432/sb?sslmode=verify-full&sslpassword=hunter2"
            })
    void masksEveryPasswordWhenPrinted(String url) {
        StoreLocation location = StoreLocation.parse(url);

        assertThat(location.toString())
                .doesNotContain("hunter2")
                .contains("***")
                .startsWith("postgresql://sb");
    }

    @Test
    void printsAnIpv6HostInBrackets() {
        StoreLocation.Postgres location = (StoreLocation.Postgres) StoreLocation.parse("postgresql://[::1]:5432/sb");

        assertThat(location.host()).isEqualTo("::1");
        assertThat(location).hasToString("postgresql://[::1]:5432/sb");
    }

    @ParameterizedTest(name = "{0} is refused without being quoted")
    @ValueSource(
            strings = {
                "mysql://sb:hunter2@db/sb",
                "postgresql://sb:hunter2@db:5432",
                "postgresql://sb:hunter2@db internal/sb",
                "sqlite:"
            })
    void refusesWhatIsNeitherSqliteNorPostgresqlWithoutQuotingAPassword(String text) {
        assertThatThrownBy(() -> StoreLocation.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .message()
                .doesNotContain("hunter2");
    }
}
