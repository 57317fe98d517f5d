/**
 * Configuration: YAML files read into immutable records, validated with every problem reported at once (file, line,
 * column, key path, what was expected), and watched for hot reload. Depends on nothing else in the project.
 */
@NullMarked
package io.switchboard.config;

import org.jspecify.annotations.NullMarked;
