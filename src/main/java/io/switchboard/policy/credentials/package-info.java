/**
 * The credentials policy: adds the provider's secret to every call (header, query parameter or basic auth) so callers
 * never hold it. Depends only on {@code pipeline} and {@code config}, never on another policy.
 */
@NullMarked
package io.switchboard.policy.credentials;

import org.jspecify.annotations.NullMarked;
