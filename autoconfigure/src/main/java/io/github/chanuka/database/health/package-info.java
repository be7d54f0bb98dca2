/**
 * Health indicator for every node, from the node monitor's last probes.
 */
@NullMarked
package io.github.chanuka.database.health;

import org.jspecify.annotations.NullMarked;
