/**
 * Alert rules, their evaluation after node probes and the events they publish.
 */
@NullMarked
package io.github.chanuka.database.alert;

import org.jspecify.annotations.NullMarked;
