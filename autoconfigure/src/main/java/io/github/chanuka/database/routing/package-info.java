/**
 * Read/write routing: replica router, load balancers, read-your-writes and read-only retry.
 */
@NullMarked
package io.github.chanuka.database.routing;

import org.jspecify.annotations.NullMarked;
