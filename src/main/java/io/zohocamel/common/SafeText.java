package io.zohocamel.common;

/**
 * Text from outside (a dropped file's name or header, a request header) made safe for a log line: control, line-separator and
 * format characters are shown escaped (a newline as backslash-n, U+202E as backslash-u202e), so a
 * name can neither start a forged log line nor make one read differently; very long text is cut.
 */
public final class SafeText {

    /** Longer text is cut: a header name can be 100,000 characters, a log line should not. */
    private static final int MAX_CHARS = 300;
    /** For a whole message that may name a file, a folder and a header. */
    public static final int MESSAGE_CHARS = 1000;

    private SafeText() {
    }

    /** {@code text} escaped and cut to {@link #MAX_CHARS} characters ("…" marks a cut). */
    public static String of(Object text) {
        return of(text, MAX_CHARS);
    }

    /** {@code text} escaped and cut to {@code max} characters ("…" marks a cut). */
    public static String of(Object text, int max) {
        String s = String.valueOf(text);
        StringBuilder out = new StringBuilder(Math.min(s.length(), max) + 8);
        for (int i = 0; i < s.length(); ) {
            if (out.length() >= max) {
                return out.append('…').toString();
            }
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (!unsafe(cp)) {
                out.appendCodePoint(cp);
            } else if (cp == '\n') {
                out.append("\\n");
            } else if (cp == '\r') {
                out.append("\\r");
            } else if (cp == '\t') {
                out.append("\\t");
            } else {
                out.append(String.format("\\u%04x", cp));
            }
        }
        return out.toString();
    }

    /** True when the text holds a character {@link #of(Object)} would escape. */
    public static boolean hasUnsafe(String text) {
        return text.codePoints().anyMatch(SafeText::unsafe);
    }

    /** The name a file is moved to error/ under: no leading dot (hidden) nor the characters escaped above. */
    public static String fileName(String name) {
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> out.appendCodePoint(unsafe(cp) ? '_' : cp));
        for (int i = 0; i < out.length() && out.charAt(i) == '.'; i++) {
            out.setCharAt(i, '_');
        }
        return out.toString();
    }

    /**
     * Allowed: letters, marks, digits, punctuation, symbols, spaces, and the two joiners scripts and
     * emoji need (U+200C, U+200D). Not: controls, line separators, the other format characters (bidi
     * overrides, which make a name read differently), unassigned and private-use code points.
     */
    private static boolean unsafe(int cp) {
        if (cp == 0x200C || cp == 0x200D) {
            return false;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> true;
            default -> false;
        };
    }
}
