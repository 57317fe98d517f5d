package io.switchboard.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeepAliveTest {
    @Test
    void readsTheTimeoutOfAKeepAliveHeader() {
        assertThat(KeepAlive.announcedTimeoutSeconds("timeout=5, max=1000")).isEqualTo(5);
        assertThat(KeepAlive.announcedTimeoutSeconds("max=10, timeout=7")).isEqualTo(7);
        assertThat(KeepAlive.announcedTimeoutSeconds("Timeout=3")).isEqualTo(3);
    }

    @Test
    void readsNoTimeoutFromAHeaderWithoutAUsableOne() {
        assertThat(KeepAlive.announcedTimeoutSeconds("timeout=soon")).isEqualTo(-1);
        assertThat(KeepAlive.announcedTimeoutSeconds("max=3")).isEqualTo(-1);
        assertThat(KeepAlive.announcedTimeoutSeconds("")).isEqualTo(-1);
    }
}
