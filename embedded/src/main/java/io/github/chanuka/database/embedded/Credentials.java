package io.github.chanuka.database.embedded;

/**
 * What clients connect to and as.
 *
 * @param database the database name
 * @param username the user name
 * @param password the password
 */
record Credentials(String database, String username, String password) {

	@Override
	public String toString() {
		return "Credentials[database=" + this.database + ", username=" + this.username + "]";
	}

}
