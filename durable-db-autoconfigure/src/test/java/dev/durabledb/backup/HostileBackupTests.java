package dev.durabledb.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import dev.durabledb.fixtures.NoteActions;
import dev.durabledb.fixtures.TestApplications;
import dev.durabledb.tenant.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Nothing the backup store holds is trusted: what it holds is checked against the
 * instance it is restored over, and a refusal leaves the instance and the staging folder
 * as they were.
 */
class HostileBackupTests {

	@TempDir
	Path root;

	private ApplicationContextRunner app() {
		return TestApplications.withBackups(this.root.resolve("data"), this.root.resolve("backups"));
	}

	@Test
	void anUnreadableManifestIsSkippedAndShownNeverAFailure() {
		app().run((context) -> {
			BackupOperations backups = context.getBean(BackupOperations.class);
			write(context, "acme", "one");
			BackupManifest good = backups.backup("notes", "acme");
			Path folder = this.root.resolve("backups/notes/acme");
			Files.writeString(folder.resolve("20260101T000000000Z-00000000.json"), "{ not json");

			BackupListing listing = backups.listing("notes", "acme");
			assertThat(listing.backups()).containsExactly(good);
			assertThat(listing.unreadable()).containsExactly("notes/acme/20260101T000000000Z-00000000.json");
			BackupManifest next = backups.backup("notes", "acme");
			backups.restore("notes", "acme", good.id());
			assertThat(backups.list("notes", "acme")).extracting(BackupManifest::id).contains(good.id(), next.id());
		});
	}

	@Test
	void theBackupOfAnotherInstanceIsRefusedEvenUnderThisOnesName() {
		app().run((context) -> {
			BackupOperations backups = context.getBean(BackupOperations.class);
			write(context, "acme", "acme's");
			write(context, "bravo", "bravo's");
			BackupManifest bravos = backups.backup("notes", "bravo");
			// Someone with write access to the store files bravo's backup under acme.
			BackupManifest forged = new BackupManifest(bravos.id(), "notes", "acme", bravos.createdAt(),
					bravos.sizeBytes(), bravos.compressedBytes(), bravos.sha256(), bravos.schemaFingerprint(),
					bravos.reason(), bravos.changeMarker());
			Files.createDirectories(this.root.resolve("backups").resolve(BackupPaths.instancePrefix("notes", "acme")));
			Files.copy(this.root.resolve("backups").resolve(BackupPaths.data(bravos)),
					this.root.resolve("backups").resolve(BackupPaths.data(forged)));
			Files.write(this.root.resolve("backups").resolve(BackupPaths.manifest(forged)), ManifestCodec.write(forged));

			assertThatExceptionOfType(InvalidBackupException.class)
				.isThrownBy(() -> backups.restore("notes", "acme", forged.id()))
				.withMessageContaining("holds instance 'notes/bravo', not 'notes/acme'");
			assertThat(bodies(context, "acme")).containsExactly("acme's");
			assertThat(staging()).isEmpty();
		});
	}

	@Test
	void aBackupWhoseSizesDisagreeWithItsManifestIsRefused() {
		app().run((context) -> {
			BackupOperations backups = context.getBean(BackupOperations.class);
			write(context, "acme", "one");
			BackupManifest backup = backups.backup("notes", "acme");
			BackupManifest lying = new BackupManifest(backup.id(), "notes", "acme", backup.createdAt(), backup.sizeBytes(),
					backup.compressedBytes() + 1, backup.sha256(), backup.schemaFingerprint(), backup.reason(),
					backup.changeMarker());
			Files.write(this.root.resolve("backups").resolve(BackupPaths.manifest(lying)), ManifestCodec.write(lying));

			assertThatExceptionOfType(InvalidBackupException.class)
				.isThrownBy(() -> backups.restore("notes", "acme", backup.id()))
				.withMessageContaining("bytes in the store");
			assertThat(bodies(context, "acme")).containsExactly("one");
		});
	}

	@Test
	void aDecompressionBombIsStoppedAtTheSizeItsManifestSays() {
		app().run((context) -> {
			BackupOperations backups = context.getBean(BackupOperations.class);
			write(context, "acme", "one");
			BackupManifest backup = backups.backup("notes", "acme");
			Path data = this.root.resolve("backups").resolve(BackupPaths.data(backup));
			// 64 MiB of zeros in a few kilobytes, claiming to be the 8 KiB-sized backup.
			try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(data))) {
				byte[] zeros = new byte[1 << 20];
				for (int i = 0; i < 64; i++) {
					out.write(zeros);
				}
			}
			BackupManifest bomb = new BackupManifest(backup.id(), "notes", "acme", backup.createdAt(), backup.sizeBytes(),
					Files.size(data), sha256(data), backup.schemaFingerprint(), backup.reason(), backup.changeMarker());
			Files.write(this.root.resolve("backups").resolve(BackupPaths.manifest(bomb)), ManifestCodec.write(bomb));

			assertThatExceptionOfType(InvalidBackupException.class)
				.isThrownBy(() -> backups.restore("notes", "acme", backup.id()))
				.withMessageContaining("decompresses to more than the " + backup.sizeBytes() + " bytes");
			assertThat(bodies(context, "acme")).containsExactly("one");
			assertThat(staging()).isEmpty();
		});
	}

	@Test
	void aLinkInTheStoreIsNeverFollowed() {
		app().run((context) -> {
			BackupOperations backups = context.getBean(BackupOperations.class);
			write(context, "acme", "one");
			BackupManifest backup = backups.backup("notes", "acme");
			Path data = this.root.resolve("backups").resolve(BackupPaths.data(backup));
			Path elsewhere = Files.move(data, this.root.resolve("outside.db.gz"));
			Files.createSymbolicLink(data, elsewhere);

			assertThatExceptionOfType(InvalidBackupException.class)
				.isThrownBy(() -> backups.restore("notes", "acme", backup.id()))
				.withMessageContaining("does not follow links");
			assertThat(bodies(context, "acme")).containsExactly("one");
		});
	}

	private List<Path> staging() throws IOException {
		Path staging = this.root.resolve("data/notes/.durable-db/staging");
		if (!Files.isDirectory(staging)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(staging)) {
			return files.toList();
		}
	}

	private static void write(org.springframework.context.ApplicationContext context, String tenant, String body) {
		Tenants.run(tenant, () -> context.getBean(NoteActions.class).add(body));
	}

	private static List<String> bodies(org.springframework.context.ApplicationContext context, String tenant)
			throws Exception {
		return Tenants.call(tenant, context.getBean(NoteActions.class)::bodies);
	}

	private static String sha256(Path file) throws IOException {
		java.security.MessageDigest digest = dev.durabledb.io.Sha256.digest();
		digest.update(Files.readAllBytes(file));
		return java.util.HexFormat.of().formatHex(digest.digest());
	}

}
