/**
 * Database commands ({@code db migrate}, {@code db validate}, {@code db backup}, ...) run
 * in a started application context with picocli.
 */
@NullMarked
package io.github.chanuka.database.cli;

import org.jspecify.annotations.NullMarked;
