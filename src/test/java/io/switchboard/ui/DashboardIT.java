package io.switchboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.FakeUpstream;
import io.switchboard.testing.HeadlessChromium;
import io.switchboard.testing.RunningGateway;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The dashboard in a real browser (headless Chromium) against a real gateway and upstreams. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {
    private static final String OPERATOR = "operator-secret-0123456789";
    private static final String VIEWER = "viewer-secret-0123456789ab";
    private static final String CARD = "4111111111111111";

    @RegisterExtension
    static final FakeUpstream COURIER = new FakeUpstream();

    @RegisterExtension
    static final FakeUpstream SMS = new FakeUpstream();

    @RegisterExtension
    @Order(Integer.MAX_VALUE) // after the upstreams its YAML names
    static final RunningGateway GATEWAY = RunningGateway.fromYaml(() -> """
                    gateway:
                      listen: 127.0.0.1:0
                      admin: 127.0.0.1:0
                      tokens:
                        - { name: night-shift, role: operator, secret: "${OP_TOKEN}" }
                        - { name: wall-tv, role: viewer, secret: "${VIEW_TOKEN}" }
                    connectors:
                      courier:
                        capability: delivery
                        upstream:
                          endpoints: [ "%1$s" ]
                        limits: { rate: 50/s, concurrency: 10 }
                        circuit-breaker: { failure-rate: 50%%, window: 30s, min-requests: 20, open-for: 30s }
                        schedule:
                          zone: Europe/Moscow
                          open: [ "Mon-Sun 00:00-24:00" ]
                      courier-backup:
                        capability: delivery
                        upstream:
                          endpoints: [ "%1$s" ]
                      night-courier:
                        capability: delivery
                        upstream:
                          endpoints: [ "%1$s" ]
                        schedule:
                          zone: Pacific/Kiritimati
                          open: [ "Mon-Sun 03:00-03:01" ]
                      sms:
                        capability: messaging
                        upstream:
                          endpoints: [ "%2$s" ]
                        checks:
                          - { name: ping, every: 1s, request: "GET /ping", expect: { status: 200 } }
                        resources:
                          - { name: balance, every: 1s, request: "GET /balance", value: /balance, warn-below: 100, critical-below: 10 }
                      sms-backup:
                        capability: messaging
                        upstream:
                          endpoints: [ "%2$s" ]
                      exchange-rates:
                        upstream:
                          endpoints: [ "%2$s" ]
                    capabilities:
                      delivery: { providers: [ courier, courier-backup, night-courier ], strategy: failover }
                      messaging: { providers: [ sms, sms-backup ], strategy: failover }
                    """.formatted(COURIER.baseUrl(), SMS.baseUrl()))
            .withEnv("OP_TOKEN", OPERATOR)
            .withEnv("VIEW_TOKEN", VIEWER);

    @RegisterExtension
    static final HeadlessChromium BROWSER = HeadlessChromium.ofSize(1400, 1000);

    @BeforeEach
    void smsProviderReportsItsBalance() {
        SMS.answerWith(request -> request.path().equals("/balance")
                ? FakeUpstream.Reply.ok("{\"balance\": 420}")
                : FakeUpstream.Reply.ok("ok"));
    }

    @AfterEach
    void noConsoleErrors() {
        List<LogEntry> errors = BROWSER.console().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .toList();
        assertThat(errors).as("browser console warnings and errors").isEmpty();
    }

    @Test
    @Order(1)
    void signsInFromTheFragmentAndDropsTheTokenFromTheAddressBar() {
        ChromeDriver driver = BROWSER.driver();

        driver.get(GATEWAY.admin("/?tv#token=" + VIEWER).toString());

        BROWSER.waitAtMost(10).until(ExpectedConditions.textToBe(By.id("who"), "wall-tv · viewer"));
        assertThat(driver.getCurrentUrl()).doesNotContain(VIEWER).endsWith("/?tv#/");
        BROWSER.waitAtMost(10)
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".tile[data-connector='sms']")));
        assertThat(tile("courier").getAttribute("data-lamp")).isEqualTo("green");
        assertThat(driver.findElement(By.cssSelector(".count.lamp-green .n")).getText())
                .isEqualTo("5");
        assertThat(driver.findElement(By.cssSelector(".count.lamp-grey .n")).getText())
                .isEqualTo("1");
        assertThat(driver.findElement(By.tagName("body")).getAttribute("class")).contains("tv");
    }

    @Test
    @Order(2)
    void viewerSeesTheSwitchDisabledWithTheReasonOnHover() {
        open("#/connector/courier");

        WebElement button =
                BROWSER.waitAtMost(10).until(ExpectedConditions.presenceOfElementLocated(By.id("switch-button")));

        assertThat(button.isEnabled()).isFalse();
        assertThat(button.getAttribute("title"))
                .isEqualTo("Switching a connector off needs the operator role; token 'wall-tv' has role viewer");
        assertThat(BROWSER.driver().findElement(By.id("reload-config")).isEnabled())
                .isFalse();
    }

    @Test
    @Order(2)
    void connectorPageShowsChecksAndResourceGaugesWithHistory() {
        open("#/connector/sms");

        BROWSER.waitAtMost(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("checks-panel"), "ping"));
        BROWSER.waitAtMost(10)
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#resources-panel svg.gauge")));
        BROWSER.waitAtMost(40)
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#resources-panel svg.chart")));
        assertThat(BROWSER.driver().findElement(By.id("resources-panel")).getText())
                .contains("balance")
                .contains("420")
                .contains("warn < 100")
                .contains("crit < 10");
        BROWSER.screenshot("connector-resources");
    }

    @Test
    @Order(3)
    void operatorSwitchesAConnectorOffWithAReasonAndOnAgain() {
        signInWithTheForm(OPERATOR, "night-shift · operator");
        open("#/connector/courier");
        BROWSER.waitAtMost(10).until(ExpectedConditions.elementToBeClickable(By.id("switch-button")));
        BROWSER.screenshot("connector-on");

        pressSwitch("courier asked us to stop");

        BROWSER.waitAtMost(10)
                .until(ExpectedConditions.textMatches(
                        By.id("switch-state"),
                        java.util.regex.Pattern.compile(
                                "OFF — switched off by night-shift at .+: “courier asked us to stop”")));
        BROWSER.waitAtMost(10)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("reasons"), "courier asked us to stop"));
        BROWSER.screenshot("connector-off");
        HttpResponse<String> refused = GATEWAY.get("/courier/orders");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Switchboard-Error")).contains("switched-off");

        open("#/");
        BROWSER.waitAtMost(10)
                .until(ExpectedConditions.attributeToBe(
                        By.cssSelector(".tile[data-connector='courier']"), "data-lamp", "red"));
        assertThat(firstTile().getAttribute("data-connector")).isEqualTo("courier");
        assertThat(tile("courier").getText()).contains("courier asked us to stop");
        BROWSER.waitAtMost(10)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector(".group[data-capability='delivery'] .capability-detail"), "→ courier-backup"));
        assertThat(BROWSER.driver()
                        .findElement(By.cssSelector(".count.lamp-red .n"))
                        .getText())
                .isEqualTo("1");
        BROWSER.screenshot("wall");

        open("#/connector/courier");
        pressSwitch("provider is back");

        BROWSER.waitAtMost(10)
                .until(ExpectedConditions.textMatches(
                        By.id("switch-state"),
                        java.util.regex.Pattern.compile("On — switched on by night-shift at .+: “provider is back”")));
        assertThat(GATEWAY.get("/courier/orders").statusCode()).isEqualTo(200);
        open("#/");
        BROWSER.waitAtMost(10)
                .until(ExpectedConditions.attributeToBe(
                        By.cssSelector(".tile[data-connector='courier']"), "data-lamp", "green"));
    }

    @Test
    @Order(4)
    void findsASwitchedOffCallInTheJournalByItsTraceWithTheCardMasked() {
        flip(false, "card audit");
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        HttpResponse<String> refused =
                GATEWAY.send(HttpRequest.newBuilder(GATEWAY.proxy("/courier/payments?card=" + CARD))
                        .header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01")
                        .header("Switchboard-Caller", "shop")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"card\": {\"number\": \"" + CARD + "\"}}"))
                        .build());
        flip(true, "audit done");
        assertThat(refused.headers().firstValue("Switchboard-Error")).contains("switched-off");
        awaitJournaled(trace);

        open("#/journal");
        BROWSER.driver().findElement(By.id("journal-trace")).sendKeys(trace);
        BROWSER.driver()
                .findElement(By.cssSelector("#journal-search button[type=submit]"))
                .click();

        WebElement row = BROWSER.waitAtMost(10)
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#journal-results tr[data-trace='" + trace + "']")));
        assertThat(row.getText())
                .contains("courier")
                .contains("503 switched-off")
                .doesNotContain(CARD);
        row.findElement(By.tagName("a")).click();
        WebElement exchange = BROWSER.waitAtMost(10)
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#exchange h2")));
        String page = BROWSER.driver().findElement(By.id("exchange")).getText();
        assertThat(exchange.getText()).isEqualTo("Summary");
        assertThat(page).contains(trace).contains("switched-off").containsPattern("card=4111\\*+1111");
        assertThat(page).doesNotContain(CARD);
        BROWSER.screenshot("exchange");
    }

    @Test
    @Order(5)
    void showsAJournaledBodyPrettyPrintedWithTheCardMasked() {
        String trace = "0af7651916cd43dd8448eb211c80319c";
        COURIER.answerWith(request -> FakeUpstream.Reply.ok("{\"paid\":true,\"card\":\"" + CARD + "\"}"));
        GATEWAY.send(HttpRequest.newBuilder(GATEWAY.proxy("/courier/payments"))
                .header("traceparent", "00-" + trace + "-b7ad6b7169203331-01")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"card\":{\"number\":\"" + CARD + "\"},\"sum\":10}"))
                .build());

        awaitJournaled(trace);
        open("#/journal?trace=" + trace);

        BROWSER.waitAtMost(10)
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#journal-results tr[data-trace='" + trace + "'] a")))
                .click();
        WebElement request = BROWSER.waitAtMost(10)
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("section[data-part='request'] pre.body")));
        String response = BROWSER.driver()
                .findElement(By.cssSelector("section[data-part='response'] pre.body"))
                .getText();
        assertThat(request.getText()).startsWith("{\n  \"card\": {").doesNotContain(CARD);
        assertThat(response).contains("\"paid\": true").doesNotContain(CARD);
    }

    @Test
    @Order(6)
    void eventsAndServiceMapPagesShowTheirData() {
        open("#/events?connector=courier");

        BROWSER.waitAtMost(10)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("events-list"), "courier asked us to stop"));
        BROWSER.screenshot("events");
        open("#/map?window=15m");
        BROWSER.waitAtMost(10)
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#map path.edge[data-caller='shop'][data-connector='courier']")));
        BROWSER.screenshot("service-map");
    }

    @Test
    @Order(7)
    void showsABannerWhileTheFeedIsLostAndRecoversByItself() {
        open("#/");
        BROWSER.waitAtMost(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".tile")));
        ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
        offline.setOffline(true);

        BROWSER.driver().setNetworkConditions(offline);

        WebElement banner =
                BROWSER.waitAtMost(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("banner")));
        assertThat(banner.getText()).startsWith("Live feed lost since ");
        BROWSER.screenshot("feed-lost");
        BROWSER.driver().deleteNetworkConditions();
        BROWSER.waitAtMost(10).until(ExpectedConditions.invisibilityOfElementLocated(By.id("banner")));
        // The browser reports each refused request itself; those (and only those) are expected here.
        assertThat(BROWSER.console())
                .filteredOn(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .allSatisfy(entry -> assertThat(entry.getMessage()).contains("net::ERR_INTERNET_DISCONNECTED"));
    }

    private static void open(String fragment) {
        BROWSER.driver().executeScript("window.location.hash = arguments[0]", fragment);
    }

    private static void signInWithTheForm(String secret, String expectedWho) {
        ChromeDriver driver = BROWSER.driver();
        driver.findElement(By.id("tv-toggle")).click();
        driver.findElement(By.id("sign-out")).click();
        WebElement field = BROWSER.waitAtMost(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        field.sendKeys(secret);
        driver.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
        BROWSER.waitAtMost(10).until(ExpectedConditions.textToBe(By.id("who"), expectedWho));
    }

    private static void pressSwitch(String reason) {
        BROWSER.waitAtMost(10)
                .until(ExpectedConditions.elementToBeClickable(By.id("switch-button")))
                .click();
        WebElement field =
                BROWSER.waitAtMost(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-reason")));
        field.sendKeys(reason);
        BROWSER.driver().findElement(By.id("confirm-ok")).click();
        BROWSER.waitAtMost(10).until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm")));
    }

    private static WebElement tile(String connector) {
        return BROWSER.driver().findElement(By.cssSelector(".tile[data-connector='" + connector + "']"));
    }

    private static WebElement firstTile() {
        return BROWSER.driver().findElement(By.cssSelector("#wall-groups .tile"));
    }

    private static void flip(boolean on, String reason) {
        URI uri = GATEWAY.admin("/api/v1/connectors/courier/switch");
        HttpResponse<String> response = GATEWAY.send(HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + OPERATOR)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"on\": " + on + ", \"reason\": \"" + reason + "\"}"))
                .build());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    /**
     * Waits until the journal's writer has stored the call with this trace id: the writer batches (lingering up to
     * 50 ms), and the journal page searches once, so a search sent before the write would find nothing.
     */
    private static void awaitJournaled(String trace) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> GATEWAY.send(HttpRequest.newBuilder(GATEWAY.admin("/api/v1/exchanges?trace=" + trace))
                                .header("Authorization", "Bearer " + OPERATOR)
                                .build())
                        .body()
                        .contains(trace));
    }
}
