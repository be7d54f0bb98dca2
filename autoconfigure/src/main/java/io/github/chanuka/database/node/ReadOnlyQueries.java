package io.github.chanuka.database.node;

import java.util.List;
import java.util.function.IntPredicate;

/**
 * Tells a query that can only read from one that may change data. {@code SELECT},
 * {@code TABLE}, {@code VALUES} and {@code WITH} read unless they hold
 * {@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code MERGE} or {@code INTO}
 * ({@code SELECT ... INTO} creates a table); {@code SHOW} reads; {@code EXPLAIN} reads
 * unless it has {@code ANALYZE} or {@code ANALYSE}, bare or in its option list, not
 * explicitly false, since then it runs the statement. Anything else, and more than one
 * statement, may write.
 *
 * <p>
 * {@code SELECT ... FOR UPDATE} and {@code FOR SHARE} read: their row locks end with the
 * statement in autocommit and change no data, so running one again repeats nothing.
 * Words in comments (which nest), literals and quoted identifiers do not count. What
 * cannot be told for sure, such as an unterminated comment, a quoted option name or a
 * backslash before a quote (which ends a literal only when
 * {@code standard_conforming_strings} is on), may write: a read taken for a write only
 * loses a retry, a write taken for a read could be repeated. A function called by a
 * {@code SELECT} may write too; that is the one blind spot, as in every JDBC-level tool.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public final class ReadOnlyQueries {

	/**
	 * Functions whose effect lasts to the end of the calling transaction, or whose result
	 * names it.
	 */
	private static final List<String> TRANSACTION_SCOPED = List.of("set_config", "pg_advisory_xact_lock",
			"pg_advisory_xact_lock_shared", "pg_try_advisory_xact_lock", "pg_try_advisory_xact_lock_shared",
			"pg_export_snapshot", "txid_current", "txid_current_if_assigned", "pg_current_xact_id",
			"pg_current_xact_id_if_assigned");

	private ReadOnlyQueries() {
	}

	/**
	 * Return whether a query can only read.
	 * @param sql the query
	 * @return whether it surely changes no data
	 */
	public static boolean isReadOnly(String sql) {
		Tokens tokens = new Tokens(sql);
		while (tokens.next() && tokens.isSymbol('(')) {
		}
		boolean reads;
		if (tokens.isWord("select") || tokens.isWord("with") || tokens.isWord("table") || tokens.isWord("values")) {
			reads = !changesData(tokens);
		}
		else if (tokens.isWord("explain")) {
			reads = !runsTheStatement(tokens);
		}
		else {
			reads = tokens.isWord("show");
		}
		return reads && isLastStatement(tokens);
	}

	/**
	 * Return whether a query reads and leaves nothing for the rest of its transaction: it
	 * {@linkplain #isReadOnly(String) can only read}, takes no row lock ({@code FOR
	 * UPDATE}, {@code FOR SHARE} and their kin) and names none of the functions whose
	 * effect lasts to the end of the transaction ({@code set_config}, whose third
	 * argument is not checked, the advisory transaction locks,
	 * {@code pg_export_snapshot}, the current transaction id). Run on its own in
	 * autocommit, such a query returns what it would return as one statement of a READ
	 * COMMITTED transaction, which takes a new snapshot for every statement too.
	 * @param sql the query
	 * @return whether it may run on its own
	 */
	public static boolean isPlainRead(String sql) {
		return isReadOnly(sql) && !holdsUntilTransactionEnd(sql);
	}

	private static boolean holdsUntilTransactionEnd(String sql) {
		Tokens tokens = new Tokens(sql);
		boolean afterFor = false;
		while (tokens.next()) {
			if (afterFor && (tokens.isWord("update") || tokens.isWord("share") || tokens.isWord("no")
					|| tokens.isWord("key"))) {
				return true;
			}
			for (String function : TRANSACTION_SCOPED) {
				if (tokens.isName(function)) {
					return true;
				}
			}
			afterFor = tokens.isWord("for");
		}
		return !tokens.isComplete();
	}

	private static boolean changesData(Tokens tokens) {
		boolean locking = false;
		while (tokens.next() && !tokens.isSymbol(';')) {
			if (locking && (tokens.isWord("no") || tokens.isWord("key"))) {
				continue;
			}
			if ((tokens.isWord("update") && !locking) || tokens.isWord("insert") || tokens.isWord("delete")
					|| tokens.isWord("merge") || tokens.isWord("into")) {
				return true;
			}
			locking = tokens.isWord("for");
		}
		return false;
	}

	/**
	 * PostgreSQL takes an option name in quotes too, so a quoted name in the option list
	 * may be {@code "analyze"} and counts as one; of its values only a bare
	 * {@code false}, {@code off} or {@code 0} is surely false.
	 */
	private static boolean runsTheStatement(Tokens tokens) {
		boolean options = tokens.next() && tokens.isSymbol('(');
		while (tokens.hasToken() && !tokens.isSymbol(';')) {
			if (options && tokens.isSymbol(')')) {
				options = false;
			}
			else if (tokens.isWord("analyze") || tokens.isWord("analyse") || (options && tokens.isQuotedName())) {
				Tokens value = tokens.copy();
				if (!value.next() || !(value.isWord("false") || value.isWord("off") || value.isWord("0"))) {
					return true;
				}
			}
			tokens.next();
		}
		return false;
	}

	private static boolean isLastStatement(Tokens tokens) {
		while (tokens.hasToken() && !tokens.isSymbol(';')) {
			tokens.next();
		}
		return !tokens.next() && tokens.isComplete();
	}

	/**
	 * Words and symbols of SQL text, split as PostgreSQL's lexer splits them or finer
	 * (finer only finds more words), skipping whitespace and comments; a literal or
	 * quoted name is one token.
	 */
	private static final class Tokens {

		private enum Kind {

			NONE, WORD, SYMBOL, LITERAL, QUOTED_NAME

		}

		private final String sql;

		private int position;

		private int start;

		private int end;

		private Kind kind = Kind.NONE;

		private boolean unsure;

		Tokens(String sql) {
			this.sql = sql;
		}

		Tokens copy() {
			Tokens copy = new Tokens(this.sql);
			copy.position = this.position;
			return copy;
		}

		/**
		 * Move to the next token.
		 * @return whether there is one: {@code false} at the end and when unsure
		 */
		boolean next() {
			this.kind = Kind.NONE;
			while (this.kind == Kind.NONE && !this.unsure && this.position < this.sql.length()) {
				char c = this.sql.charAt(this.position);
				if (Character.isWhitespace(c)) {
					this.position++;
				}
				else if (this.sql.startsWith("--", this.position)) {
					skipLineComment();
				}
				else if (this.sql.startsWith("/*", this.position)) {
					this.unsure = !skipBlockComment();
				}
				else {
					read(c);
				}
			}
			return hasToken();
		}

		boolean hasToken() {
			return this.kind != Kind.NONE;
		}

		/**
		 * Whether the text was read to its end without doubt.
		 */
		boolean isComplete() {
			return !this.unsure;
		}

		boolean isWord(String word) {
			return this.kind == Kind.WORD && this.end - this.start == word.length()
					&& this.sql.regionMatches(true, this.start, word, 0, word.length());
		}

		boolean isSymbol(char symbol) {
			return this.kind == Kind.SYMBOL && this.sql.charAt(this.start) == symbol;
		}

		boolean isQuotedName() {
			return this.kind == Kind.QUOTED_NAME;
		}

		/**
		 * Whether the token names the given lower-case identifier, bare in any case or
		 * quoted exactly.
		 */
		boolean isName(String name) {
			return isWord(name) || (this.kind == Kind.QUOTED_NAME && this.end - this.start == name.length() + 2
					&& this.sql.startsWith(name, this.start + 1));
		}

		/**
		 * A number is read as digits only: before PostgreSQL 15, {@code 1into} is
		 * {@code 1 INTO}.
		 */
		private void read(char c) {
			this.start = this.position;
			if (Character.isDigit(c)) {
				this.kind = Kind.WORD;
				skipWhile(Character::isDigit);
			}
			else if (Character.isLetter(c) || c == '_') {
				skipWhile((next) -> Character.isLetterOrDigit(next) || next == '_' || next == '$');
				boolean escapeString = this.position - this.start == 1 && (c == 'e' || c == 'E')
						&& this.sql.startsWith("'", this.position);
				this.kind = escapeString ? Kind.LITERAL : Kind.WORD;
				this.unsure = escapeString && !skipQuoted('\'', true);
			}
			else if (c == '\'' || c == '"') {
				this.kind = (c == '"') ? Kind.QUOTED_NAME : Kind.LITERAL;
				this.unsure = !skipQuoted(c, false);
			}
			else if (c == '$' && dollarTagEnd() > 0) {
				this.kind = Kind.LITERAL;
				this.unsure = !skipDollarQuoted();
			}
			else {
				this.kind = Kind.SYMBOL;
				this.position++;
			}
			this.end = this.position;
		}

		private void skipWhile(IntPredicate part) {
			do {
				this.position++;
			}
			while (this.position < this.sql.length() && part.test(this.sql.charAt(this.position)));
		}

		private void skipLineComment() {
			while (this.position < this.sql.length() && this.sql.charAt(this.position) != '\n'
					&& this.sql.charAt(this.position) != '\r') {
				this.position++;
			}
		}

		private boolean skipBlockComment() {
			int depth = 0;
			int i = this.position;
			while (i < this.sql.length()) {
				if (this.sql.startsWith("/*", i)) {
					depth++;
					i += 2;
				}
				else if (this.sql.startsWith("*/", i)) {
					depth--;
					i += 2;
					if (depth == 0) {
						this.position = i;
						return true;
					}
				}
				else {
					i++;
				}
			}
			return false;
		}

		/**
		 * Skip a literal or quoted name from its opening quote at the position; a doubled
		 * quote stands for itself. In a standard literal a backslash before a quote is
		 * doubt, since with {@code standard_conforming_strings} off it escapes the quote.
		 */
		private boolean skipQuoted(char quote, boolean backslashEscapes) {
			int i = this.position + 1;
			while (i < this.sql.length()) {
				char c = this.sql.charAt(i);
				boolean beforeQuote = i + 1 < this.sql.length() && this.sql.charAt(i + 1) == quote;
				if (c == '\\' && backslashEscapes) {
					i += 2;
				}
				else if (c == '\\' && quote == '\'' && beforeQuote) {
					return false;
				}
				else if (c == quote && beforeQuote) {
					i += 2;
				}
				else if (c == quote) {
					this.position = i + 1;
					return true;
				}
				else {
					i++;
				}
			}
			return false;
		}

		/**
		 * The end of the {@code $tag$} that opens a dollar-quoted string at the position,
		 * or 0 when the {@code $} opens none, as in the parameter {@code $1}.
		 */
		private int dollarTagEnd() {
			int i = this.position + 1;
			if (i < this.sql.length() && Character.isDigit(this.sql.charAt(i))) {
				return 0;
			}
			while (i < this.sql.length()
					&& (Character.isLetterOrDigit(this.sql.charAt(i)) || this.sql.charAt(i) == '_')) {
				i++;
			}
			return this.sql.startsWith("$", i) ? i + 1 : 0;
		}

		private boolean skipDollarQuoted() {
			String tag = this.sql.substring(this.position, dollarTagEnd());
			int close = this.sql.indexOf(tag, this.position + tag.length());
			if (close < 0) {
				return false;
			}
			this.position = close + tag.length();
			return true;
		}

	}

}
