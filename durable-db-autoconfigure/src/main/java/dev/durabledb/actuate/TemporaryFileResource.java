package dev.durabledb.actuate;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.core.io.FileSystemResource;

/** A file that is deleted once its content has been read (or the reading failed). */
final class TemporaryFileResource extends FileSystemResource {

	private final Path file;

	TemporaryFileResource(Path file) {
		super(file);
		this.file = file;
	}

	@Override
	public InputStream getInputStream() throws IOException {
		return new FilterInputStream(super.getInputStream()) {

			@Override
			public void close() throws IOException {
				try {
					super.close();
				}
				finally {
					Files.deleteIfExists(TemporaryFileResource.this.file);
				}
			}

		};
	}

	@Override
	public boolean isFile() {
		// Not a plain file to the web layer: it must read through getInputStream, which deletes.
		return false;
	}

}
