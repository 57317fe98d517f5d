package io.switchboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven by Selenium through {@code /usr/bin/chromedriver}, with a fresh profile per test
 * class. The binaries are named explicitly so Selenium Manager never goes to the network; {@code
 * -Dswitchboard.chromium=} and {@code -Dswitchboard.chromedriver=} point elsewhere.
 */
public final class HeadlessChromium implements BeforeAllCallback, AfterAllCallback {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final int width;
    private final int height;
    private @Nullable ChromeDriver driver;
    private @Nullable Path profile;

    private HeadlessChromium(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** Returns a browser with a window of the given size in CSS pixels. */
    public static HeadlessChromium ofSize(int width, int height) {
        return new HeadlessChromium(width, height);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        start();
    }

    /** Starts Chromium now; returns this. */
    public HeadlessChromium start() throws IOException {
        Path binary = Path.of(System.getProperty("switchboard.chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("switchboard.chromedriver", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(binary) || !Files.isExecutable(chromedriver)) {
            throw new IllegalStateException("browser tests need " + binary + " and " + chromedriver
                    + " (apt-get install -y chromium chromium-driver; .ci/run does it)");
        }
        Path dir = Files.createTempDirectory("switchboard-chromium");
        profile = dir;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + dir,
                "--window-size=" + width + "," + height);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return this;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Quits the browser and deletes its profile. */
    public void stop() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            profile = null;
        }
    }

    /** Returns the running driver. */
    public ChromeDriver driver() {
        if (driver == null) {
            throw new IllegalStateException("browser not started");
        }
        return driver;
    }

    /** Returns a wait of at most {@code seconds} on this browser. */
    public WebDriverWait waitAtMost(int seconds) {
        return new WebDriverWait(driver(), Duration.ofSeconds(seconds), Duration.ofMillis(100));
    }

    /** Returns the browser console's entries since the last call (JavaScript errors show as SEVERE). */
    public List<LogEntry> console() {
        return driver().manage().logs().get(LogType.BROWSER).getAll();
    }

    /** Saves a screenshot of the window as {@code target/screenshots/NAME.png}; returns its path. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path taken = driver().getScreenshotAs(OutputType.FILE).toPath();
            return Files.copy(taken, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
