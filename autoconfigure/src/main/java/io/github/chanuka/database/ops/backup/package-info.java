/**
 * Backups and restores of the primary with pg_dump and pg_restore.
 */
@NullMarked
package io.github.chanuka.database.ops.backup;

import org.jspecify.annotations.NullMarked;
