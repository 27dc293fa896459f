package ai.lepton.docs;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import ai.lepton.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@code java} block of {@code README.md} and {@code docs/**}{@code /*.md}, in order,
 * as one program per file, and checks each block's printed output against the {@code output}
 * block that follows it in the document. A tutorial that drifts from the code fails the build.
 *
 * <p>While writing a tutorial, run only the files whose path contains a word:
 * {@code mvn -o -q test -Dtest=DocTest -Dlepton.docs=03-backprop}.
 */
class DocTest {
    private static final String MARKER = "\u0001LEPTON-DOC-BLOCK-";
    private static final String ONLY = System.getProperty("lepton.docs", "");

    static {
        // The GEMM kernel logs its choice once per JVM, on first use: make that happen before any
        // output is captured, so that what a document prints does not depend on which test ran first.
        Tensor.ones(1, 1).matmul(Tensor.ones(1, 1));
    }

    @TestFactory
    Stream<DynamicTest> everyDocumentRuns() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(Path.of("README.md"));
        if (Files.isDirectory(Path.of("docs"))) {
            try (Stream<Path> walk = Files.walk(Path.of("docs"))) {
                walk.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
            }
        }
        return files.stream()
                .filter(Files::isRegularFile)
                .filter(file -> file.toString().contains(ONLY))
                .map(file -> DynamicTest.dynamicTest(file.toString(), () -> run(file)));
    }

    private static void run(Path file) throws Exception {
        MarkdownProgram program = new MarkdownProgram(Files.readString(file));
        if (program.blocks.isEmpty()) {
            return;
        }
        String className = "Doc_" + file.toString().replaceAll("[^A-Za-z0-9]", "_");
        Class<?> compiled;
        try {
            compiled = InMemoryCompiler.compile(className, program.toJava(className, MARKER));
        } catch (AssertionError e) {
            throw new AssertionError(file + " " + e.getMessage(), e);
        }
        String printed = runCapturingOutput(file, compiled);
        String[] perBlock = printed.split(java.util.regex.Pattern.quote(MARKER) + "\\d+\\n", -1);
        for (int b = 0; b < program.blocks.size(); b++) {
            MarkdownProgram.Block block = program.blocks.get(b);
            if (block.expectedOutput() != null) {
                String output = perBlock[b];
                String mismatch = OutputMatcher.mismatch(block.expectedOutput(), output);
                assertNull(mismatch, () -> file + ", java block at line " + block.line() + ": " + mismatch
                        + "\n--- printed ---\n" + output);
            }
        }
    }

    private static String runCapturingOutput(Path file, Class<?> compiled) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            compiled.getMethod("run").invoke(null);
        } catch (InvocationTargetException e) {
            System.setOut(original);
            fail(file + " threw while running; output so far:\n" + captured.toString(StandardCharsets.UTF_8), e.getCause());
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
