package io.switchboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.FakeUpstream;
import io.switchboard.testing.HeadlessChromium;
import io.switchboard.testing.RunningGateway;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The wall with 1,000 connectors in headless Chromium: how long the page takes to show every tile and what one 2-second
 * refresh costs. Writes the figures to {@code target/screenshots/scale.txt}; the bounds asserted are loose on purpose
 * (shared CI machines), the figures are what docs/dashboard.md reports.
 */
class DashboardScaleIT {
    private static final int CONNECTORS = 1000;
    private static final String VIEWER = "viewer-secret-0123456789ab";

    @RegisterExtension
    static final FakeUpstream UPSTREAM = new FakeUpstream();

    @RegisterExtension
    @Order(Integer.MAX_VALUE) // after the upstream its YAML names
    static final RunningGateway GATEWAY =
            RunningGateway.fromYaml(DashboardScaleIT::yaml).withEnv("VIEW_TOKEN", VIEWER);

    @RegisterExtension
    static final HeadlessChromium BROWSER = HeadlessChromium.ofSize(1920, 1080);

    private static String yaml() {
        StringBuilder yaml = new StringBuilder("""
                gateway:
                  listen: 127.0.0.1:0
                  admin: 127.0.0.1:0
                  tokens:
                    - { name: wall-tv, role: viewer, secret: "${VIEW_TOKEN}" }
                connectors:
                """);
        for (int i = 0; i < CONNECTORS; i++) {
            yaml.append("""
                      provider-%04d:
                        capability: capability-%02d
                        upstream: { endpoints: [ "%s" ] }
                    """.formatted(i, i % 40, UPSTREAM.baseUrl()));
        }
        return yaml.toString();
    }

    @Test
    void wallShowsAThousandConnectorsAndRefreshesThemCheaply() throws IOException {
        HttpRequest listRequest = HttpRequest.newBuilder(GATEWAY.admin("/api/v1/connectors"))
                .header("Authorization", "Bearer " + VIEWER)
                .build();
        long coldStart = System.nanoTime();
        HttpResponse<String> list = GATEWAY.send(listRequest);
        double coldMs = (System.nanoTime() - coldStart) / 1e6;
        long warmStart = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            GATEWAY.send(listRequest);
        }
        double warmMs = (System.nanoTime() - warmStart) / 1e6 / 10;

        BROWSER.driver().get(GATEWAY.admin("/#token=" + VIEWER).toString());
        BROWSER.waitAtMost(60)
                .until(driver -> driver.findElements(By.cssSelector(".tile")).size() == CONNECTORS);
        Map<?, ?> first = stats();
        BROWSER.waitAtMost(60).until(driver -> number(stats(), "updates") >= number(first, "updates") + 10);
        Map<?, ?> later = stats();
        BROWSER.driver().findElement(By.id("wall-filter")).sendKeys("capability-07");
        BROWSER.waitAtMost(10)
                .until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".tile:not([hidden])"), 25));
        BROWSER.screenshot("wall-1000");

        double firstRender = number(first, "firstRenderAt");
        double firstUpdate = number(first, "firstUpdateMs");
        long updates = Math.round(number(later, "updates") - number(first, "updates"));
        double perUpdate = (number(later, "updateMs") - number(first, "updateMs")) / updates;
        double perFetch = (number(later, "fetchMs") - number(first, "fetchMs")) / updates;
        String figures = String.format(
                Locale.ROOT,
                """
                connectors=%d
                api_connectors_bytes=%d
                api_connectors_cold_ms=%.1f (first call after start)
                api_connectors_warm_ms=%.1f (mean of the next 10)
                page_first_render_ms=%.0f (navigation start to 1,000 tiles on screen)
                first_dom_build_ms=%.1f
                refreshes_measured=%d
                refresh_fetch_and_parse_ms=%.1f
                refresh_dom_update_ms=%.1f
                refresh_dom_update_max_ms=%.1f (slowest steady refresh)
                """,
                CONNECTORS,
                list.body().length(),
                coldMs,
                warmMs,
                firstRender,
                firstUpdate,
                updates,
                perFetch,
                perUpdate,
                number(later, "maxUpdateMs"));
        Files.createDirectories(Path.of("target", "screenshots"));
        Files.writeString(Path.of("target", "screenshots", "scale.txt"), figures);
        System.out.print(figures);

        List<LogEntry> errors = BROWSER.console().stream()
                .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .toList();
        assertThat(errors).isEmpty();
        assertThat(firstRender).isLessThan(15_000);
        assertThat(perUpdate).isLessThan(500);
    }

    private static Map<?, ?> stats() {
        Object stats = BROWSER.driver().executeScript("return window.switchboardWall || {updates: 0}");
        return (Map<?, ?>) java.util.Objects.requireNonNull(stats, "stats");
    }

    private static double number(Map<?, ?> stats, String key) {
        Object value = stats.get(key);
        return value instanceof Number number ? number.doubleValue() : Double.NaN;
    }
}
