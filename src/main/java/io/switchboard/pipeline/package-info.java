/**
 * The request pipeline: the {@link io.switchboard.pipeline.Exchange} a request becomes, the {@link
 * io.switchboard.pipeline.Policy} stages it walks through and the {@link io.switchboard.pipeline.Outcome} it ends in,
 * including the problem answers the gateway makes itself. Depends on nothing else in the project.
 */
@NullMarked
package io.switchboard.pipeline;

import org.jspecify.annotations.NullMarked;
