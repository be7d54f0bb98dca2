/**
 * Liquibase status, migration, rollback and reset on the primary.
 */
@NullMarked
package io.github.chanuka.database.ops.migration;

import org.jspecify.annotations.NullMarked;
