/**
 * The red button: a connector switched off answers every call itself, at once. ({@code switch} is a Java keyword,
 * hence the package name.) Depends on {@code pipeline} only.
 */
@NullMarked
package io.switchboard.policy.killswitch;

import org.jspecify.annotations.NullMarked;
