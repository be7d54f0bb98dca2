/**
 * Meters for nodes, routing, operations and alerts, and statement timing.
 */
@NullMarked
package io.github.chanuka.database.metrics;

import org.jspecify.annotations.NullMarked;
