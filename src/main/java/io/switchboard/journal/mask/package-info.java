/**
 * Masking of captured exchange data: card numbers, secrets and configured fields are hidden before a record leaves the
 * event loop. Depends on {@code config} only.
 */
@NullMarked
package io.switchboard.journal.mask;

import org.jspecify.annotations.NullMarked;
