/**
 * Statement statistics from {@code pg_stat_statements}: the statements that cost the
 * database most.
 */
@NullMarked
package io.github.chanuka.database.ops.statements;

import org.jspecify.annotations.NullMarked;
