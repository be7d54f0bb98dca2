/**
 * Auto-configuration: wiring of the runtime packages, one auto-configuration per integration.
 */
@NullMarked
package io.github.chanuka.database.autoconfigure;

import org.jspecify.annotations.NullMarked;
