/**
 * Circuit breakers, operation retries and the rule that keeps retries safe.
 */
@NullMarked
package io.github.chanuka.database.resilience;

import org.jspecify.annotations.NullMarked;
