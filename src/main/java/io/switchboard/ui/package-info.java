/**
 * The dashboard: serves the static page (HTML, CSS and JavaScript modules under {@code resources/ui}) on the admin
 * listener. It depends on nothing else in the project: the page reads and acts through the admin API over HTTP.
 */
@NullMarked
package io.switchboard.ui;

import org.jspecify.annotations.NullMarked;
