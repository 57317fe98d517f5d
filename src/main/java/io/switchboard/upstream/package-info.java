/**
 * The upstream side of a connector: its endpoints, how one is picked for each attempt, when a failing one is ejected,
 * and the terminal stage that sends the request and hands back the response. Depends on {@code pipeline} and {@code
 * config} only.
 */
@NullMarked
package io.switchboard.upstream;

import org.jspecify.annotations.NullMarked;
