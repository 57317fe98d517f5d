package io.switchboard.pipeline;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A {@code Content-Type} header value as far as charsets care: the media type, the {@code charset} parameter, and the
 * value with that parameter replaced. Read by the charset policy, which converts bodies, and by the journal's masking,
 * which reads a body in its declared charset.
 *
 * @param mediaType the type and subtype in lowercase, without parameters ({@code application/json})
 * @param charset the {@code charset} parameter's value without quotes, or null when there is none
 * @param otherParameters every parameter but {@code charset}, as written, each starting with {@code "; "}
 */
public record ContentType(String mediaType, @Nullable String charset, String otherParameters) {

    /** Returns the parsed value, or null when the header is absent or has no {@code type/subtype}. */
    public static @Nullable ContentType parse(@Nullable String header) {
        if (header == null) {
            return null;
        }
        int semicolon = header.indexOf(';');
        String type =
                (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        if (type.indexOf('/') <= 0) {
            return null;
        }
        String charset = null;
        StringBuilder others = new StringBuilder();
        int at = semicolon;
        while (at >= 0 && at < header.length()) {
            int end = parameterEnd(header, at + 1);
            String parameter = header.substring(at + 1, end).trim();
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).trim().equalsIgnoreCase("charset") && charset == null) {
                charset = unquote(parameter.substring(equals + 1).trim());
            } else if (!parameter.isEmpty()) {
                others.append("; ").append(parameter);
            }
            at = end < header.length() ? end : -1;
        }
        return new ContentType(type, charset, others.toString());
    }

    /**
     * Returns whether the body is text the charset policy converts: {@code text/*}, JSON, XML, forms and the {@code
     * +json} and {@code +xml} structured types (RFC 6839).
     */
    public boolean isText() {
        return mediaType.startsWith("text/")
                || mediaType.equals("application/json")
                || isForm()
                || mediaType.endsWith("+json")
                || isXml();
    }

    /** Returns whether the body is {@code application/x-www-form-urlencoded}, whose text is percent-encoded. */
    public boolean isForm() {
        return mediaType.equals("application/x-www-form-urlencoded");
    }

    /** Returns whether the body is XML, which may name its encoding in its declaration too. */
    public boolean isXml() {
        return mediaType.equals("application/xml") || mediaType.equals("text/xml") || mediaType.endsWith("+xml");
    }

    /**
     * Returns the declared charset, {@code fallback} when none is declared, or null when the declared name is not a
     * charset this JVM knows.
     */
    public @Nullable Charset charsetOr(Charset fallback) {
        if (charset == null) {
            return fallback;
        }
        // The common case without a lookup; Charset.forName keeps only a two-entry cache.
        if (charset.equalsIgnoreCase("utf-8")) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(charset);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    /** Returns the header value with the charset parameter set to {@code name}, other parameters kept. */
    public String withCharset(String name) {
        return mediaType + otherParameters + "; charset=" + name;
    }

    /** Returns the index of the ';' that ends the parameter starting at {@code from}, or the end of the value. */
    private static int parameterEnd(String header, int from) {
        boolean quoted = false;
        for (int i = from; i < header.length(); i++) {
            char c = header.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                return i;
            }
        }
        return header.length();
    }

    private static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            return value;
        }
        StringBuilder plain = new StringBuilder(value.length());
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() - 1) {
                c = value.charAt(++i);
            }
            plain.append(c);
        }
        return plain.toString();
    }
}
