package dev.durabledb.replication;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.durabledb.fixtures.ForwardingObjectStore;
import dev.durabledb.store.ObjectStore;

/** A real store that can be taken down: its writes fail meanwhile. */
final class SwitchableStore extends ForwardingObjectStore {

	final AtomicBoolean down = new AtomicBoolean();

	final AtomicInteger refused = new AtomicInteger();

	/** Puts that reached the store. */
	final AtomicInteger puts = new AtomicInteger();

	SwitchableStore(ObjectStore delegate) {
		super(delegate);
	}

	@Override
	public void put(String key, Path file) throws IOException {
		refuseIfDown();
		super.put(key, file);
		this.puts.incrementAndGet();
	}

	@Override
	public void put(String key, byte[] content) throws IOException {
		refuseIfDown();
		super.put(key, content);
		this.puts.incrementAndGet();
	}

	@Override
	public boolean putIfAbsent(String key, byte[] content) throws IOException {
		refuseIfDown();
		boolean stored = super.putIfAbsent(key, content);
		this.puts.incrementAndGet();
		return stored;
	}

	@Override
	public boolean putIfAbsent(String key, Path file) throws IOException {
		refuseIfDown();
		boolean stored = super.putIfAbsent(key, file);
		this.puts.incrementAndGet();
		return stored;
	}

	private void refuseIfDown() throws IOException {
		if (this.down.get()) {
			this.refused.incrementAndGet();
			throw new IOException("Connection refused");
		}
	}

}
