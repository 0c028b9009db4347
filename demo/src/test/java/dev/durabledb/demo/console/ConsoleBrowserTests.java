package dev.durabledb.demo.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.durabledb.demo.user.NewUser;
import dev.durabledb.demo.user.UserActions;
import dev.durabledb.tenant.Tenants;
import dev.durabledb.test.TestTenants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The developer console in a real headless Chromium, against the demo in its {@code dev}
 * profile behind its Spring Security: pick a tenant, run a query, see its rows and never
 * another tenant's; a write is refused by the read-only console and nothing changes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("dev")
class ConsoleBrowserTests {

	private static ChromeDriver browser;

	@LocalServerPort
	int port;

	@Autowired
	TestTenants tenants;

	@Autowired
	UserActions users;

	private WebDriverWait wait;

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

	@BeforeEach
	void seedTwoTenants() {
		this.tenants.create("acme", "globex");
		addUser("acme", "Ada", "ada@acme.test");
		addUser("acme", "Alan", "alan@acme.test");
		addUser("globex", "Grace", "grace@globex.test");
		this.wait = new WebDriverWait(browser, Duration.ofSeconds(10));
	}

	@Test
	void pickATenantRunAQueryAndSeeItsRows() throws IOException {
		open();
		pick("acme");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("schema"), "users"));

		run("select name, email from users order by name");

		assertThat(column(0)).containsExactly("Ada", "Alan");
		assertThat(text("result-meta")).contains("rows 1–2").contains(" ms");
		assertThat(browser.findElement(By.id("results")).getText()).doesNotContain("Grace");
		Chromium.screenshot(browser, "console-query.png");
	}

	@Test
	void aWriteIsRefusedInReadOnlyModeAndNothingChanges() throws IOException {
		open();
		assertThat(text("mode")).isEqualTo("read-only");
		assertThat(browser.findElement(By.id("write-label")).isDisplayed()).isFalse();
		pick("acme");

		run("delete from users");

		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
		assertThat(text("error")).contains("readonly");
		Chromium.screenshot(browser, "console-refused-write.png");
		assertThat(Tenants.call("acme", () -> this.users.list(10))).hasSize(2);
	}

	@Test
	void anotherTenantsRowsAreNeverShown() {
		open();
		pick("globex");
		run("select name from users order by name");
		assertThat(column(0)).containsExactly("Grace");

		pick("acme");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("instance-title"), "acme"));
		run("select name from users order by name");
		assertThat(column(0)).containsExactly("Ada", "Alan");
		assertThat(browser.getPageSource()).doesNotContain("Grace");
	}

	@Test
	void tenantsAreSearchedAsYouType() {
		this.tenants.create("initech");
		open();
		browser.findElement(By.id("tenant-search")).sendKeys("glob");
		this.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#tenants button"), 1));
		assertThat(browser.findElement(By.cssSelector("#tenants button")).getText()).isEqualTo("globex");
		assertThat(text("tenants-count")).isEqualTo("1–1 of 1");
	}

	@Test
	void withoutTheAdminsCredentialsThereIsNoConsole() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/durable-db/console/")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(401);
	}

	private void open() {
		browser.get("http://admin:admin@127.0.0.1:" + this.port + "/durable-db/console/");
		this.wait.withMessage(() -> "the page says: " + text("error") + " / " + text("tenants-count"))
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#tenants button[data-tenant='acme']")));
		assertThat(new Select(browser.findElement(By.id("database"))).getFirstSelectedOption().getText())
			.isEqualTo("main (per-tenant)");
	}

	private void pick(String tenant) {
		browser.findElement(By.cssSelector("#tenants button[data-tenant='" + tenant + "']")).click();
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("instance-title"), tenant));
	}

	private void run(String sql) {
		String before = text("result-meta");
		WebElement query = browser.findElement(By.id("query"));
		query.clear();
		query.sendKeys(sql);
		browser.findElement(By.id("run")).click();
		this.wait.until((driver) -> !text("result-meta").equals(before)
				|| browser.findElement(By.id("error")).isDisplayed());
	}

	private List<String> column(int index) {
		return browser.findElements(By.cssSelector("#results tbody tr"))
			.stream()
			.map((row) -> row.findElements(By.tagName("td")).get(index).getText())
			.toList();
	}

	private String text(String id) {
		return browser.findElement(By.id(id)).getText();
	}

	private void addUser(String tenant, String name, String email) {
		Tenants.run(tenant, () -> this.users.create(new NewUser(name, email)));
	}


}
