/**
 * The command line ({@code switchboard run|validate|demo|version}) on picocli. Depends on everything; nothing depends
 * on it.
 */
@NullMarked
package io.switchboard.cli;

import org.jspecify.annotations.NullMarked;
