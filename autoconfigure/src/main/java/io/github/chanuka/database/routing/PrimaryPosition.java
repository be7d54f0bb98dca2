package io.github.chanuka.database.routing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

import io.github.chanuka.database.node.DatabaseNode;
import io.github.chanuka.database.node.WalPositions;

/**
 * The highest WAL position the primary is known to have reached, from its probes, from
 * positions read after this instance's commits, and from on-demand reads. A
 * read-your-writes token beyond it, such as a forged cookie or a write whose position is
 * unknown, is clamped to the primary's current position, read once; so a token can
 * only cost what a real write costs.
 *
 * @author Chanuka Database
 * @since 0.1.0
 */
public class PrimaryPosition {

	private final AtomicLong highest = new AtomicLong();

	/**
	 * Record a position the primary reached.
	 * @param position the position
	 */
	public void observed(long position) {
		this.highest.accumulateAndGet(position, Math::max);
	}

	/**
	 * Return the highest position known without asking the primary.
	 * @param primary the primary
	 * @return the position, zero when none is known
	 */
	public long known(DatabaseNode primary) {
		Long probed = primary.state().walPosition();
		return Math.max(this.highest.get(), (probed != null) ? probed : 0);
	}

	/**
	 * Return a token no further than the primary's position: unchanged when the primary
	 * is known to have reached it, otherwise the primary's current position when that is
	 * lower.
	 * @param token the token
	 * @param primary the primary
	 * @return the clamped token
	 * @throws SQLException when the primary's position cannot be read
	 */
	public long clamp(long token, DatabaseNode primary) throws SQLException {
		if (token <= known(primary)) {
			return token;
		}
		long current;
		try (Connection connection = primary.dataSource().getConnection()) {
			current = WalPositions.current(connection);
		}
		observed(current);
		return Math.min(token, current);
	}

}
