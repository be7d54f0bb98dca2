/**
 * Pool settings and profiles, Hikari pool creation for each node and JDBC URL handling.
 */
@NullMarked
package io.github.chanuka.database.pool;

import org.jspecify.annotations.NullMarked;
