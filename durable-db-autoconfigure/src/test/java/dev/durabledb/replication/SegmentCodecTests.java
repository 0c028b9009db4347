package dev.durabledb.replication;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SegmentCodecTests {

	private static final Instant T0 = Instant.parse("2026-12-02T08:00:00.123Z");

	@Test
	void aSegmentReadsBackAsWritten() throws IOException {
		Segment segment = segment("acme", "g1");

		Segment read = SegmentCodec.read(new ByteArrayInputStream(bytes(segment)), "main", "acme", "g1");

		assertThat(read.database()).isEqualTo("main");
		assertThat(read.firstCommit()).isEqualTo(41);
		assertThat(read.lastCommit()).isEqualTo(42);
		assertThat(read.commits()).isEqualTo(segment.commits());
		assertThat(read.frames()).hasSize(3);
		for (int i = 0; i < 3; i++) {
			assertThat(read.frames().get(i).page()).isEqualTo(segment.frames().get(i).page());
			assertThat(read.frames().get(i).databasePages()).isEqualTo(segment.frames().get(i).databasePages());
		}
	}

	@Test
	void aCutDamagedOrForeignSegmentIsRefusedWithWhy() throws IOException {
		byte[] bytes = bytes(segment("acme", "g1"));

		assertThatExceptionOfType(InvalidSegmentException.class)
			.isThrownBy(() -> read(Arrays.copyOf(bytes, bytes.length / 2)))
			.withMessage("Invalid segment: it is cut short");
		// A flipped byte anywhere is refused, or fell where gzip keeps no data (the padding of
		// its last block): what is read is then the very segment written. Never another one.
		Segment written = read(bytes);
		int refused = 0;
		for (int at = 10; at < bytes.length; at++) {
			byte[] flipped = bytes.clone();
			flipped[at] ^= 0x10;
			try {
				assertThat(bytes(read(flipped))).as("flipped at %d", at).isEqualTo(bytes(written));
			}
			catch (InvalidSegmentException ex) {
				refused++;
			}
		}
		assertThat(refused).isGreaterThan(bytes.length - 20);
		assertThatExceptionOfType(InvalidSegmentException.class)
			.isThrownBy(() -> SegmentCodec.read(new ByteArrayInputStream(bytes), "main", "globex", "g1"))
			.withMessageContaining("belongs to instance 'main/acme', not 'main/globex'");
		assertThatExceptionOfType(InvalidSegmentException.class)
			.isThrownBy(() -> SegmentCodec.read(new ByteArrayInputStream(bytes), "main", "acme", "g2"))
			.withMessageContaining("belongs to generation g1, not g2");
	}

	@Test
	void aCommitThatDoesNotEndOnACommitFrameIsRefused() throws IOException {
		Segment broken = new Segment("main", "acme", "g1", 1, 512,
				List.of(new Segment.Commit(1, T0)), List.of(new WalFrame(1, 0, new byte[512])));

		assertThatExceptionOfType(InvalidSegmentException.class).isThrownBy(() -> read(bytes(broken)))
			.withMessageContaining("does not end on a commit frame");
	}

	private static Segment segment(String instance, String generation) {
		byte[][] pages = new byte[3][512];
		for (int i = 0; i < 3; i++) {
			Arrays.fill(pages[i], (byte) (i + 1));
		}
		return new Segment("main", instance, generation, 41, 512,
				List.of(new Segment.Commit(2, T0), new Segment.Commit(3, T0.plusMillis(5))),
				List.of(new WalFrame(1, 0, pages[0]), new WalFrame(2, 2, pages[1]), new WalFrame(2, 3, pages[2])));
	}

	private static byte[] bytes(Segment segment) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		SegmentCodec.write(segment, out);
		return out.toByteArray();
	}

	private static Segment read(byte[] bytes) throws IOException {
		return SegmentCodec.read(new ByteArrayInputStream(bytes), "main", "acme", "g1");
	}

}
