/**
 * Deployment environment, SSL modes and the configuration exception shared by every other package.
 */
@NullMarked
package io.github.chanuka.database;

import org.jspecify.annotations.NullMarked;
