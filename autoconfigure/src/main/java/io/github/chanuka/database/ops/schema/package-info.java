/**
 * Schema and data validation and index advice from the primary's catalog.
 */
@NullMarked
package io.github.chanuka.database.ops.schema;

import org.jspecify.annotations.NullMarked;
