package io.github.chanuka.database.metrics;

/**
 * A statement hiding {@code secret} and {@code digits} in its literals and comments, with
 * the seed and case number that draw it again.
 */
record SecretStatement(long seed, int index, String sql, String secret, String digits) {

	String reproduction() {
		return "seed %d, case %d (rerun with -D%s=%d): masking of %s".formatted(this.seed, this.index,
				SecretStatements.SEED_PROPERTY, this.seed, javaLiteral(this.sql));
	}

	@Override
	public String toString() {
		return "case " + this.index;
	}

	private static String javaLiteral(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
				+ "\"";
	}

}
