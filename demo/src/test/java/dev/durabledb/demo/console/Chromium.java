package dev.durabledb.demo.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The machine's headless Chromium, driven through its own chromedriver (Debian's
 * {@code chromium} and {@code chromium-driver}; other paths through the system properties
 * {@code durabledb.chromium} and {@code durabledb.chromedriver}). Selenium downloads
 * nothing. On CI ({@code CI} set) a missing browser fails the tests; elsewhere it skips
 * them, saying how to install it.
 */
final class Chromium {

	private Chromium() {
	}

	static ChromeDriver start() {
		Path browser = Path.of(System.getProperty("durabledb.chromium", "/usr/bin/chromium"));
		Path driver = Path.of(System.getProperty("durabledb.chromedriver", "/usr/bin/chromedriver"));
		boolean present = Files.isExecutable(browser) && Files.isExecutable(driver);
		String missing = "Chromium or chromedriver is missing (" + browser + ", " + driver
				+ "): apt-get install chromium chromium-driver (.ci/run does)";
		if (System.getenv("CI") != null && !present) {
			throw new IllegalStateException(missing);
		}
		assumeTrue(present, missing);
		ChromeOptions options = new ChromeOptions();
		options.setBinary(browser.toFile());
		// No background networking: the browser talks to the application under test and nothing else.
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1280,900");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver.toString()))
			.usingAnyFreePort()
			.build();
		ChromeDriver chrome = new ChromeDriver(service, options);
		chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
		return chrome;
	}

	/** Leaves what {@code browser} shows under {@code target/screenshots/}, for a human to look at. */
	static void screenshot(ChromeDriver browser, String name) throws IOException {
		Path folder = Path.of("target", "screenshots");
		Files.createDirectories(folder);
		Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), folder.resolve(name),
				StandardCopyOption.REPLACE_EXISTING);
	}

}
