package dev.durabledb.demo.console;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.durabledb.demo.user.NewUser;
import dev.durabledb.demo.user.User;
import dev.durabledb.demo.user.UserActions;
import dev.durabledb.instance.InstanceKey;
import dev.durabledb.replication.Bookmarks;
import dev.durabledb.tenant.Tenants;
import dev.durabledb.test.TestTenants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console with writes allowed, in a real headless Chromium: a write through the
 * tenant's writer, then a restore to a time, confirmed on a plan that names the undo
 * bookmark, which the restore then answers.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "durable-db.console.allow-writes=true")
@ActiveProfiles("dev")
class ConsoleBrowserRestoreTests {

	private static ChromeDriver browser;

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	UserActions users;

	@Autowired
	Bookmarks bookmarks;

	@BeforeAll
	static void startBrowser() {
		browser = Chromium.start();
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void writeThroughTheConsoleThenRestoreToATimeAndSeeTheUndoBookmark() throws IOException {
		this.tenants.create("acme");
		Tenants.run("acme", () -> this.users.create(new NewUser("Ada", "ada@acme.test")));
		String before = this.bookmarks.current(new InstanceKey("main", "acme"));
		// Commit times are kept to the millisecond: the next commit must fall in a later one.
		Instant between = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		while (Instant.now().toEpochMilli() <= between.toEpochMilli()) {
			Thread.onSpinWait();
		}
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
		browser.get("http://admin:admin@127.0.0.1:" + this.port + "/durable-db/console/");
		wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#tenants button[data-tenant='acme']"))).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("write-label")));

		WebElement query = browser.findElement(By.id("query"));
		query.sendKeys("insert into users (name, email, created_at) values ('Eve', 'eve@acme.test', '2026-12-02T10:00:00Z')");
		browser.findElement(By.id("write")).click();
		browser.findElement(By.id("run")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("result-meta"), "1 rows changed"));
		assertThat(names()).containsExactly("Ada", "Eve");

		browser.findElement(By.cssSelector("#restore summary")).click();
		browser.findElement(By.id("restore-at")).sendKeys(between.toString());
		browser.findElement(By.id("restore-preview")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("restore-plan")));
		String now = this.bookmarks.current(new InstanceKey("main", "acme"));
		assertThat(browser.findElement(By.id("restore-plan")).getText()).contains(before).contains(now);
		Chromium.screenshot(browser, "console-restore-plan.png");

		browser.findElement(By.id("restore-go")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("restore-result")));
		assertThat(browser.findElement(By.id("restore-result")).getText()).startsWith("Restored to " + before)
			.contains("Undo bookmark: ");
		assertThat(names()).containsExactly("Ada");
	}

	private List<String> names() {
		return Tenants.call("acme", () -> this.users.list(10)).stream().map(User::name).toList();
	}


}
