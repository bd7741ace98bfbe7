package io.initlab.report;

/** HTML escaping. */
public final class Html {

    private Html() {}

    /** Escapes text for element content and (double- or single-quoted) attribute values; null → "". */
    public static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') b.append("&#xFFFD;");
                    else b.append(c);
                }
            }
        }
        return b.toString();
    }
}
