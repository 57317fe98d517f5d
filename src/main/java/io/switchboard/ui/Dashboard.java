package io.switchboard.ui;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The dashboard's static assets, served from the classpath folder {@code ui/} at {@code /} with revalidating caching
 * headers and a strict Content-Security-Policy (no inline scripts or styles, no other origin).
 */
public final class Dashboard {
    /** The policy every dashboard asset carries: only this origin, no inline code, no framing. */
    public static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; base-uri 'none'; form-action 'self';" + " frame-ancestors 'none'; object-src 'none'";

    private Dashboard() {}

    /**
     * Adds the dashboard's routes to {@code router}: {@code GET /} answers {@code index.html}, every other path the
     * asset of that name. Call it after the API routes and before any catch-all route; a path with no asset falls
     * through to the next route.
     */
    public static void mount(Router router) {
        StaticHandler assets = StaticHandler.create("ui")
                .setIndexPage("index.html")
                .setDirectoryListing(false)
                .setIncludeHidden(false)
                .setCachingEnabled(true)
                // Asset names carry no version, so the browser revalidates each load (Last-Modified and a 304).
                .setMaxAgeSeconds(0)
                .setDefaultContentEncoding("UTF-8");
        router.get("/*").handler(Dashboard::secure).handler(assets);
    }

    private static void secure(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        ctx.next();
    }
}
