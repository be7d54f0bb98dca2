package io.github.chanuka.database.embedded;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A SCRAM-SHA-256 password verifier in the form PostgreSQL stores
 * ({@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>}, RFC 5802 and 7677),
 * for servers before 16 that hash every password with 4,096 iterations: given one ready
 * made, {@code ALTER ROLE ... PASSWORD} stores it as it is.
 */
final class ScramVerifier {

	private static final SecureRandom random = new SecureRandom();

	private ScramVerifier() {
	}

	/**
	 * Whether the password is hashed as given: PostgreSQL normalises other passwords
	 * (SASLprep) before hashing them, which this class does not.
	 * @param password the password
	 * @return whether {@link #of(String, int)} computes what the server would
	 */
	static boolean supports(String password) {
		return password.chars().allMatch((c) -> c >= 0x20 && c <= 0x7e);
	}

	/**
	 * Compute the verifier of a password.
	 * @param password a password {@link #supports(String) supported} here
	 * @param iterations the iterations of the hash
	 * @return the verifier
	 */
	static String of(String password, int iterations) {
		byte[] salt = new byte[16];
		random.nextBytes(salt);
		try {
			byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
				.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256))
				.getEncoded();
			byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(hmac(salted, "Client Key"));
			byte[] serverKey = hmac(salted, "Server Key");
			Base64.Encoder base64 = Base64.getEncoder();
			return "SCRAM-SHA-256$" + iterations + ":" + base64.encodeToString(salt) + "$"
					+ base64.encodeToString(storedKey) + ":" + base64.encodeToString(serverKey);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("This JVM cannot compute SCRAM-SHA-256", ex);
		}
	}

	private static byte[] hmac(byte[] key, String text) throws GeneralSecurityException {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(key, "HmacSHA256"));
		return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
	}

}
