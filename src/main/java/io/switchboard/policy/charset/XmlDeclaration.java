package io.switchboard.policy.charset;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The XML declaration at the start of a document ({@code <?xml version="1.0" encoding="windows-1251"?>}), whose
 * encoding must name the charset the bytes are really in once they have been converted (XML 1.0 section 4.3.3).
 */
final class XmlDeclaration {
    /** How much of a text's start is held back at most while looking for the end of a declaration. */
    static final int MAX_LENGTH = 512;

    private static final String BYTE_ORDER_MARK = "\uFEFF";
    private static final Pattern ENCODING = Pattern.compile("(\\sencoding\\s*=\\s*)([\"'])[^\"']*\\2");
    private static final Pattern VERSION = Pattern.compile("\\sversion\\s*=\\s*([\"'])[^\"']*\\1");

    private XmlDeclaration() {}

    /**
     * Returns whether {@code head}, the start of a text, shows whether and where a declaration is: it has ended, is
     * not one, holds its closing {@code ?>}, or is longer than any sensible declaration.
     */
    static boolean isDecidable(CharSequence head, boolean ended) {
        if (ended || head.length() >= MAX_LENGTH) {
            return true;
        }
        String start = "<?xml ";
        int at = head.length() > 0 && head.charAt(0) == BYTE_ORDER_MARK.charAt(0) ? 1 : 0;
        for (int i = 0; i < start.length() && at + i < head.length(); i++) {
            char c = head.charAt(at + i);
            boolean matches = i == start.length() - 1 ? Character.isWhitespace(c) : c == start.charAt(i);
            if (!matches) {
                return true;
            }
        }
        return head.toString().contains("?>");
    }

    /**
     * Returns {@code text} with its declaration's encoding set to {@code encoding}; when the declaration names none,
     * adds it if {@code addWhenMissing}. A text without a declaration is returned as it is.
     */
    static String withEncoding(String text, String encoding, boolean addWhenMissing) {
        int at = text.startsWith(BYTE_ORDER_MARK) ? 1 : 0;
        if (!text.startsWith("<?xml", at) || text.length() <= at + 5 || !Character.isWhitespace(text.charAt(at + 5))) {
            return text;
        }
        int end = text.indexOf("?>", at);
        if (end < 0) {
            return text;
        }
        String declaration = text.substring(0, end);
        Matcher named = ENCODING.matcher(declaration);
        String rewritten;
        if (named.find()) {
            rewritten = declaration.substring(0, named.start())
                    + named.group(1)
                    + named.group(2)
                    + encoding
                    + named.group(2)
                    + declaration.substring(named.end());
        } else if (addWhenMissing) {
            Matcher version = VERSION.matcher(declaration);
            if (!version.find()) {
                return text;
            }
            rewritten = declaration.substring(0, version.end())
                    + " encoding=\"" + encoding + "\""
                    + declaration.substring(version.end());
        } else {
            return text;
        }
        return rewritten + text.substring(end);
    }
}
