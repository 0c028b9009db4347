package dev.durabledb.io;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256, which every Java platform has, without the checked exception of a lookup. */
public final class Sha256 {

	private Sha256() {
	}

	/** A new SHA-256 digest. */
	public static MessageDigest digest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("This Java platform has no SHA-256", ex);
		}
	}

}
