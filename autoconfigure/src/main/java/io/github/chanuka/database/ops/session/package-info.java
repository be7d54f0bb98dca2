/**
 * What the sessions of each node are doing: long-running statements, sessions idle in a
 * transaction, and blocked sessions with the sessions blocking them.
 */
@NullMarked
package io.github.chanuka.database.ops.session;

import org.jspecify.annotations.NullMarked;
