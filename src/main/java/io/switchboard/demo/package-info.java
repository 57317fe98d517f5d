/**
 * Simulated providers with real quirks, on loopback, for {@code switchboard demo} and the tests, and the demo's
 * config. Depends on nothing else in the project.
 */
@NullMarked
package io.switchboard.demo;

import org.jspecify.annotations.NullMarked;
