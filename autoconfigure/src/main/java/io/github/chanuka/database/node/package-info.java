/**
 * Node model and lifecycle: nodes, topology, state, probes, connection guards, pool drain and failure classification.
 */
@NullMarked
package io.github.chanuka.database.node;

import org.jspecify.annotations.NullMarked;
