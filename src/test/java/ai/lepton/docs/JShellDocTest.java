package ai.lepton.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;
import org.junit.jupiter.api.Test;

/**
 * Replays the JShell sessions of docs/12-jshell.md through JShell's own API ({@code jdk.jshell}):
 * each {@code jshell>} line is evaluated as JShell evaluates it, and what JShell would answer in
 * its normal feedback mode ({@code x ==> value} for a variable, {@code $3 ==> value} for an
 * expression, nothing for an import or a statement, anything printed) must be the lines below it.
 * Numbers compare at the precision shown; {@code [...]} in an expected line stands for any text
 * in brackets.
 */
class JShellDocTest {
    private static final Path PAGE = Path.of("docs/12-jshell.md");
    private static final Pattern BLOCK = Pattern.compile("(?ms)^```jshell\\n(.*?)^```");
    private static final String PROMPT = "jshell> ";

    /** One line typed at the prompt and the lines JShell answers with. */
    record Step(String input, List<String> expected) {
    }

    static List<Step> steps(String page) {
        List<Step> steps = new ArrayList<>();
        Matcher m = BLOCK.matcher(page);
        while (m.find()) {
            for (String line : m.group(1).split("\n")) {
                if (line.startsWith(PROMPT)) {
                    steps.add(new Step(line.substring(PROMPT.length()), new ArrayList<>()));
                } else if (!line.isBlank()) {
                    steps.get(steps.size() - 1).expected().add(line);
                }
            }
        }
        return steps;
    }

    @Test
    void theSessionAnswersWhatThePageShows() throws IOException {
        List<Step> steps = steps(Files.readString(PAGE));
        assertTrue(steps.size() > 10, "the page has a session");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        try (JShell shell = JShell.builder().executionEngine("local").out(out).err(out).build()) {
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                shell.addToClasspath(entry);
            }
            for (Step step : steps) {
                printed.reset();
                List<String> answer = new ArrayList<>();
                // As the jshell tool does: complete the line (e.g. add a missing semicolon), then evaluate it.
                String source = shell.sourceCodeAnalysis().analyzeCompletion(step.input()).source();
                for (SnippetEvent event : shell.eval(source)) {
                    if (event.exception() != null) {
                        answer.add("|  Exception " + event.exception());
                    } else if (event.status() == Snippet.Status.REJECTED) {
                        answer.add("|  Error: " + shell.diagnostics(event.snippet()).map(d -> d.getMessage(null)).toList());
                    } else if (event.value() != null && event.snippet() instanceof VarSnippet v) {
                        answer.add(v.name() + " ==> " + event.value());
                    } else if (event.value() != null && event.snippet().kind() == Snippet.Kind.EXPRESSION) {
                        answer.add(((jdk.jshell.ExpressionSnippet) event.snippet()).name() + " ==> " + event.value());
                    }
                }
                List<String> actual = new ArrayList<>(printed.toString(StandardCharsets.UTF_8).lines().toList());
                actual.addAll(answer);
                assertEquals(step.expected().size(), actual.size(), () -> "jshell> " + step.input() + "\nexpected "
                        + step.expected() + "\nbut JShell answered " + actual);
                for (int i = 0; i < actual.size(); i++) {
                    String expected = step.expected().get(i);
                    String got = actual.get(i);
                    assertTrue(matches(expected, got), () -> "jshell> " + step.input() + "\nexpected " + expected
                            + "\nbut JShell answered " + got);
                }
            }
        }
    }

    /** A line matches when it does for the doc tests' matcher once each {@code [...]} is given the text it stands for. */
    private static boolean matches(String expected, String actual) {
        if (!expected.contains("[...]")) {
            return OutputMatcher.lineMatches(expected, actual);
        }
        StringBuilder regex = new StringBuilder();
        String[] parts = expected.split("\\[\\.\\.\\.]", -1);
        for (int i = 0; i < parts.length; i++) {
            regex.append(Pattern.quote(parts[i]));
            if (i < parts.length - 1) {
                regex.append("\\[[^\\]]*\\]");
            }
        }
        return actual.matches(regex.toString());
    }
}
