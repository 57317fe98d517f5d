/**
 * The charset policy: converts text bodies between UTF-8 at the caller's side and the provider's charset at the
 * upstream's side, as they stream. Depends only on {@code pipeline} and {@code config}, never on another policy.
 */
@NullMarked
package io.switchboard.policy.charset;

import org.jspecify.annotations.NullMarked;
