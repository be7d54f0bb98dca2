/**
 * Creating what the application declares: its database, extensions and a
 * least-privilege role.
 */
@NullMarked
package io.github.chanuka.database.ops.setup;

import org.jspecify.annotations.NullMarked;
