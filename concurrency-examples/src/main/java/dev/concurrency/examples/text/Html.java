package dev.concurrency.examples.text;

/** Text made safe for HTML and SVG. */
public final class Html {

    private Html() {
    }

    /**
     * @param text any text
     * @return the text with {@code & < > "} escaped
     */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
