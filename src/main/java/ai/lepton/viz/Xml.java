package ai.lepton.viz;

/** Escapes text for XML and HTML content and attribute values. */
final class Xml {
    private Xml() {
    }

    /** @return {@code text} with {@code & < > " '} replaced by entities */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
