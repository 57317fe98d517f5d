package io.switchboard.server;

import io.switchboard.config.CallerConfig;
import io.switchboard.config.Secret;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.pipeline.ErrorKind;
import io.switchboard.pipeline.Problem;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Works out who is calling: the owner of a {@code Switchboard-Api-Key} from {@code callers:}, or the name in
 * {@code Switchboard-Caller}. Neither header reaches a provider ({@link HeaderHygiene} drops every
 * {@code Switchboard-*} request header).
 *
 * <p>A caller configured with a key must present it: naming such a caller without its key is refused, so one service
 * cannot spend another's limits. With {@code gateway.require-caller: true} a call with neither header is refused 401
 * {@code caller-required}; an unknown key is always refused 401 {@code unknown-caller}.
 */
final class CallerIdentity {
    static final String CALLER_HEADER = "Switchboard-Caller";
    static final String API_KEY_HEADER = "Switchboard-Api-Key";

    /** The keys of the config last seen, by key value; rebuilt when a reload brings another config. */
    private volatile Keys keys = new Keys(null, Map.of());

    private record Keys(@Nullable SwitchboardConfig config, Map<String, String> owners) {}

    /**
     * Who is calling, or why the call is refused.
     *
     * @param caller the caller's name, or null when anonymous
     * @param refusal the problem to answer with, or null when the call may go on
     */
    record Identity(@Nullable String caller, @Nullable Problem refusal) {}

    /** Most calls are anonymous: one shared answer instead of an allocation per call. */
    private static final Identity ANONYMOUS = new Identity(null, null);

    Identity identify(HttpServerRequest request, SwitchboardConfig config) {
        String named = request.getHeader(CALLER_HEADER);
        String key = request.getHeader(API_KEY_HEADER);
        if (named != null && !ProxyHandler.isToken(named, 64)) {
            return refused(Problem.of(
                    ErrorKind.BAD_REQUEST,
                    "Switchboard-Caller must be 1 to 64 letters, digits, dots, dashes or underscores"));
        }
        if (key != null) {
            String owner = ownerOf(key, config);
            if (owner == null) {
                return refused(Problem.of(
                        ErrorKind.UNKNOWN_CALLER, "the Switchboard-Api-Key is not the key of any caller in callers:"));
            }
            if (named != null && !named.equals(owner)) {
                return refused(Problem.of(
                        ErrorKind.BAD_REQUEST,
                        "Switchboard-Caller names '" + named + "' but the API key belongs to caller '" + owner + "'"));
            }
            return new Identity(owner, null);
        }
        if (named != null) {
            CallerConfig configured = config.callers().get(named);
            if (configured != null && configured.key() != null) {
                return refused(Problem.of(
                        ErrorKind.CALLER_REQUIRED,
                        "caller '" + named + "' has an API key in callers: and must send it in Switchboard-Api-Key"));
            }
            return new Identity(named, null);
        }
        if (config.gateway().requireCaller()) {
            return refused(Problem.of(
                    ErrorKind.CALLER_REQUIRED,
                    "this gateway requires callers to identify: send Switchboard-Api-Key (or Switchboard-Caller for"
                            + " a caller without a key)"));
        }
        return ANONYMOUS;
    }

    private static Identity refused(Problem problem) {
        return new Identity(null, problem);
    }

    // The config is compared by identity on purpose: each applied config is a new object, and equals would compare
    // every connector on every call.
    @SuppressWarnings("ReferenceEquality")
    private @Nullable String ownerOf(String key, SwitchboardConfig config) {
        Keys current = keys;
        if (current.config() != config) {
            Map<String, String> owners = new HashMap<>();
            for (CallerConfig caller : config.callers().values()) {
                Secret secret = caller.key();
                if (secret != null) {
                    owners.put(secret.value(), caller.name());
                }
            }
            current = new Keys(config, Map.copyOf(owners));
            keys = current;
        }
        return current.owners().get(key);
    }
}
