/**
 * Database status report, recommendations and the actuator endpoint.
 */
@NullMarked
package io.github.chanuka.database.ops;

import org.jspecify.annotations.NullMarked;
