package dev.durabledb.replication;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.tenant.Tenants;

/**
 * Run in a child JVM that the test kills: the notes application with replication over
 * {@code <root>/data} and the store {@code <root>/backups}, 8 threads writing unique notes
 * to 20 tenants, each acknowledged write printed as {@code ACK <tenant> <body>} once its
 * action returned. Never stops on its own.
 * <p>
 * Arguments: the root folder, the acknowledgement mode ({@code local} or
 * {@code replicated}), and a prefix that makes this run's bodies unique.
 */
public final class KilledWriter {

	static final int TENANTS = 20;

	static final int THREADS = 8;

	private KilledWriter() {
	}

	public static void main(String[] args) {
		Path root = Path.of(args[0]);
		new ReplicationHarness(root).replicating()
			.withPropertyValues("durable-db.replication.sync-interval=1s", "durable-db.replication.acknowledge=" + args[1])
			.run((context) -> {
				NoteActions notes = context.getBean(NoteActions.class);
				AtomicLong sequence = new AtomicLong();
				System.out.println("READY");
				System.out.flush();
				List<Thread> writers = new ArrayList<>();
				for (int i = 0; i < THREADS; i++) {
					Thread writer = new Thread(() -> {
						while (true) {
							long next = sequence.incrementAndGet();
							String tenant = "t" + (next % TENANTS);
							String body = args[2] + "-" + next;
							try {
								Tenants.run(tenant, () -> notes.add(body));
								synchronized (System.out) {
									System.out.println("ACK " + tenant + " " + body);
									System.out.flush();
								}
							}
							catch (RuntimeException ex) {
								// Not acknowledged (busy, say): the test counts only what was.
							}
						}
					});
					writer.start();
					writers.add(writer);
				}
				for (Thread writer : writers) {
					writer.join();
				}
			});
	}

}
