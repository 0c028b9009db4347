package dev.durabledb.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * The baseline of the Zipf run: what a careful application would write by hand to keep
 * many tenant files open without durable-db. Plain sqlite-jdbc connections with the
 * starter's pragmas, one per tenant, in a least-recently-used map bounded like
 * {@code max-open}; one fair lock per tenant (the single writer), an evicted tenant closed
 * by the thread that evicted it once nobody uses it. No migration check, no validation,
 * no listeners, no metrics.
 */
final class RawTenantCache implements AutoCloseable {

	private static final String UPSERT = "INSERT INTO items (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v";

	private final Path folder;

	private final int maxOpen;

	private final LinkedHashMap<Integer, Tenant> open = new LinkedHashMap<>(16, 0.75f, true);

	/** Copies {@code template} into {@code tenants} files under {@code folder}. */
	RawTenantCache(Path folder, Path template, int tenants, int maxOpen) throws Exception {
		this.folder = Files.createDirectories(folder);
		this.maxOpen = maxOpen;
		for (int i = 0; i < tenants; i++) {
			Files.copy(template, file(i));
		}
	}

	/** Writes one row into {@code tenant} in its own transaction, as the upsert action does. */
	void upsert(int tenant, String key, String value) throws Exception {
		Tenant entry = acquire(tenant);
		try {
			entry.lock.lock();
			try {
				Connection connection = entry.connection();
				try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
					upsert.setString(1, key);
					upsert.setString(2, value);
					upsert.executeUpdate();
				}
				connection.commit();
			}
			finally {
				entry.lock.unlock();
			}
		}
		finally {
			release(entry);
		}
	}

	private Tenant acquire(int tenant) throws SQLException {
		List<Tenant> evicted = new ArrayList<>();
		Tenant entry;
		synchronized (this.open) {
			entry = this.open.computeIfAbsent(tenant, (id) -> new Tenant(file(id)));
			entry.users++;
			Iterator<Map.Entry<Integer, Tenant>> oldest = this.open.entrySet().iterator();
			while (this.open.size() > this.maxOpen && oldest.hasNext()) {
				Tenant candidate = oldest.next().getValue();
				if (candidate.users == 0) {
					oldest.remove();
					evicted.add(candidate);
				}
			}
		}
		for (Tenant tenantToClose : evicted) {
			tenantToClose.close();
		}
		return entry;
	}

	private void release(Tenant entry) {
		synchronized (this.open) {
			entry.users--;
		}
	}

	private Path file(int tenant) {
		return this.folder.resolve("t" + tenant + ".db");
	}

	@Override
	public void close() throws SQLException {
		synchronized (this.open) {
			for (Tenant tenant : this.open.values()) {
				tenant.close();
			}
			this.open.clear();
		}
	}

	/** One tenant's file: its writer connection, opened by the first write, and its lock. */
	private static final class Tenant {

		private final Path file;

		private final ReentrantLock lock = new ReentrantLock(true);

		/** Guarded by the cache's map. */
		private int users;

		/** Guarded by {@link #lock}. */
		private @Nullable Connection connection;

		Tenant(Path file) {
			this.file = file;
		}

		Connection connection() throws SQLException {
			Connection current = this.connection;
			if (current == null) {
				current = RawSqlite.open(this.file);
				current.setAutoCommit(false);
				this.connection = current;
			}
			return current;
		}

		void close() throws SQLException {
			this.lock.lock();
			try {
				if (this.connection != null) {
					this.connection.close();
					this.connection = null;
				}
			}
			finally {
				this.lock.unlock();
			}
		}

	}

}
