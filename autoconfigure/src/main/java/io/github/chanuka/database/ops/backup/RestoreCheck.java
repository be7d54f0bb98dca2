package io.github.chanuka.database.ops.backup;

/**
 * A backup restored into a scratch database, whose tables held as many rows as the
 * source did when it was dumped.
 *
 * @param scratchDatabase the scratch database it was restored into, dropped since
 * @param tables the tables compared
 * @param rows the rows they held
 * @author Chanuka Database
 * @since 0.1.0
 */
public record RestoreCheck(String scratchDatabase, int tables, long rows) {

}
