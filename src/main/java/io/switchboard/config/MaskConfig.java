package io.switchboard.config;

import java.util.List;

/**
 * What a connector's journal hides beyond the built-in rules (card numbers, credentials, Authorization and cookies):
 * {@code mask: { json: [ "$.card.number", "$..cvv" ], headers: [ X-Api-Key ], form: [ pin ], query: [ token ] }}.
 *
 * @param json JSON paths whose values are masked in JSON bodies ({@code $.a.b}, {@code $..name}); none by default
 * @param headers header names whose values are masked, besides the built-in ones; none by default
 * @param form form fields ({@code application/x-www-form-urlencoded}) whose values are masked; none by default
 * @param query query parameters whose values are masked; none by default
 */
public record MaskConfig(List<String> json, List<String> headers, List<String> form, List<String> query) {
    /** No rules beyond the built-in ones. */
    public static final MaskConfig NONE = new MaskConfig(List.of(), List.of(), List.of(), List.of());

    public MaskConfig {
        json = List.copyOf(json);
        headers = List.copyOf(headers);
        form = List.copyOf(form);
        query = List.copyOf(query);
    }
}
