package ai.lepton.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runnable content of one Markdown file: its {@code java} code blocks in order, each with the
 * {@code output} block that follows it (if any). Blocks share one scope, like notebook cells, so
 * a later block can use an earlier block's variables; {@code import} lines are hoisted.
 * A block fenced as {@code java no-run} is shown to readers but not run.
 */
final class MarkdownProgram {
    private static final Pattern FENCE = Pattern.compile("(?m)^```([a-zA-Z-]*)( [a-z-]+)?\\s*\\n(.*?)^```\\s*$", Pattern.DOTALL);

    /** One java block and the output it must print ({@code null} when unchecked). */
    record Block(int line, String code, String expectedOutput) {
    }

    final List<String> imports = new ArrayList<>();
    final List<Block> blocks = new ArrayList<>();

    MarkdownProgram(String markdown) {
        Matcher m = FENCE.matcher(markdown);
        String pendingCode = null;
        int pendingLine = 0;
        while (m.find()) {
            String language = m.group(1);
            boolean noRun = " no-run".equals(m.group(2));
            String body = m.group(3);
            if ("java".equals(language) && !noRun) {
                flush(pendingCode, pendingLine, null);
                pendingCode = body;
                pendingLine = lineOf(markdown, m.start());
            } else if ("output".equals(language) && pendingCode != null) {
                flush(pendingCode, pendingLine, body);
                pendingCode = null;
            }
        }
        flush(pendingCode, pendingLine, null);
    }

    private void flush(String code, int line, String output) {
        if (code == null) {
            return;
        }
        StringBuilder statements = new StringBuilder();
        for (String l : code.split("\n", -1)) {
            if (l.startsWith("import ")) {
                imports.add(l.trim());
            } else {
                statements.append(l).append('\n');
            }
        }
        blocks.add(new Block(line, statements.toString(), output));
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * Java source of a class {@code className} whose {@code run()} executes every block in order,
     * printing {@code marker + index} after each block so the output can be split per block.
     */
    String toJava(String className, String marker) {
        StringBuilder src = new StringBuilder();
        for (String i : imports) {
            src.append(i).append('\n');
        }
        src.append("public class ").append(className).append(" {\n");
        src.append("  public static void run() throws Exception {\n");
        for (int b = 0; b < blocks.size(); b++) {
            src.append(blocks.get(b).code());
            src.append("System.out.println(\"").append(marker).append(b).append("\");\n");
        }
        src.append("  }\n}\n");
        return src.toString();
    }
}
