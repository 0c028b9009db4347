package dev.durabledb.instance;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.durabledb.DurableDbConfigurationException;
import dev.durabledb.fixtures.DataDirHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Two processes, one data dir: the second is another JVM, as it would be in production. */
class DataDirLockTests {

	@TempDir
	Path dataDir;

	@Test
	void aSecondProcessIsRefusedNamingTheHolderOrWaitsForIt() throws Exception {
		Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), DataDirHolder.class.getName(), this.dataDir.toString())
			.redirectErrorStream(true)
			.start();
		try {
			BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
			assertThat(out.readLine()).isEqualTo("held");

			assertThatExceptionOfType(DurableDbConfigurationException.class)
				.isThrownBy(() -> DataDirLock.acquire(this.dataDir, Duration.ZERO))
				.withMessageContaining("is in use by process " + holder.pid() + " on ")
				.withMessageContaining("durable-db.instances.data-dir-wait");
			assertThatExceptionOfType(DurableDbConfigurationException.class)
				.isThrownBy(() -> DataDirLock.acquire(this.dataDir, Duration.ofMillis(600)))
				.withMessageContaining("is in use by process " + holder.pid())
				.withMessageContaining("(waited PT0.6S)");

			CompletableFuture<DataDirLock> waiting = CompletableFuture
				.supplyAsync(() -> DataDirLock.acquire(this.dataDir, Duration.ofMinutes(1)));
			// The holder stops, as the old process of a rolling restart does.
			holder.getOutputStream().close();
			assertThat(holder.waitFor(1, TimeUnit.MINUTES)).isTrue();
			try (DataDirLock taken = waiting.get(1, TimeUnit.MINUTES)) {
				assertThat(taken).isNotNull();
			}
		}
		finally {
			holder.destroyForcibly();
		}
	}

}
