package ai.lepton.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs the {@code <pre>{@code ...}</pre>} examples of the Javadoc in {@code src/main/java}.
 *
 * <p>Each example becomes the body of a {@code run()} method in a class that imports every Lepton
 * package (plus {@code java.util}, {@code java.util.function}, {@code java.nio.file} and Gson)
 * and declares the {@link #PRELUDE} variables as static fields: a small classification problem,
 * a compiled model that fits it, and a few tensors. An example's own variables shadow those.
 * An example must compile and run without throwing, or be listed in
 * {@code src/test/resources/javadoc-fragments.txt} with the reason it cannot run (a fragment that
 * needs a caller's variables, a file the repository does not have, a class declaration, ...).
 * A listed example that runs fails the test too, so the list does not go stale. An example listed
 * with a reason that starts {@code compile-only:} (it writes files into the working directory)
 * must compile but is not run.
 */
class JavadocExampleTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Path FRAGMENTS = Path.of("src/test/resources/javadoc-fragments.txt");
    private static final String COMPILE_ONLY = "compile-only:";
    private static final Pattern EXAMPLE = Pattern.compile("<pre>\\{@code\\n(.*?)}</pre>", Pattern.DOTALL);

    private static final String IMPORTS = """
            import ai.lepton.autograd.*;
            import ai.lepton.callbacks.*;
            import ai.lepton.config.*;
            import ai.lepton.data.*;
            import ai.lepton.io.*;
            import ai.lepton.io.hdf5.*;
            import ai.lepton.kernels.*;
            import ai.lepton.layers.*;
            import ai.lepton.losses.*;
            import ai.lepton.metrics.*;
            import ai.lepton.models.*;
            import ai.lepton.optimizers.*;
            import ai.lepton.optimizers.schedules.*;
            import ai.lepton.tensor.*;
            import ai.lepton.viz.*;
            import com.google.gson.JsonObject;
            import java.nio.file.*;
            import java.util.*;
            import java.util.function.*;
            """;

    /** The variables an example may use without declaring them. */
    static final String PRELUDE = """
            // 64 examples with 4 features in 3 classes, one-hot, and a compiled model that fits them.
            static Tensor x = Tensor.randn(1, 64, 4);
            static Tensor y = Labels.toCategorical(x.matmul(Tensor.randn(2, 4, 3)).argmax(1), 3);
            static Tensor xTest = Tensor.randn(3, 16, 4);
            static Tensor yTest = Labels.toCategorical(xTest.matmul(Tensor.randn(2, 4, 3)).argmax(1), 3);
            static Tensor xNew = Tensor.randn(4, 2, 4);
            static Dataset data = Dataset.of(x, y);
            static Tensor x1 = Tensor.randn(21, 16, 4);
            static Tensor y1 = Labels.toCategorical(x1.matmul(Tensor.randn(2, 4, 3)).argmax(1), 3);
            static Tensor x2 = Tensor.randn(22, 16, 4);
            static Tensor y2 = Labels.toCategorical(x2.matmul(Tensor.randn(2, 4, 3)).argmax(1), 3);
            static Dataset train = data;
            static Dataset test = Dataset.of(xTest, yTest);
            static DataLoader batches = DataLoader.of(data, 16);
            static Sequential model = compiled();
            static Sequential compiled() {
                Sequential m = new Sequential(new Dense(8, "relu").inputShape(4), new Dense(3, "softmax")).seed(5);
                m.compile("adam", "categorical_crossentropy", "accuracy");
                return m;
            }
            // Weights for x.matmul(w); two tensors of one shape; a (2, 3) batch of predictions and targets.
            static Tensor w = Tensor.randn(6, 4, 3);
            static Tensor a = Tensor.randn(7, 3, 4);
            static Tensor b = Tensor.rand(8, 3, 4).add(1);
            static Tensor logits = Tensor.randn(9, 2, 3);
            static Tensor probabilities = logits.softmax(-1);
            static Tensor oneHot = Tensor.of(new double[] {0, 0, 1, 1, 0, 0}, 2, 3);
            static Tensor labels = oneHot;
            static Tensor yTrue = oneHot;
            static Tensor yPred = probabilities;
            static Tensor targets = Tensor.randn(10, 2, 3);
            static Tensor predictions = Tensor.randn(11, 2, 3);
            // A batch of 32 gray 28x28 images and a 3x3 kernel of 8 filters for them.
            static Tensor images = Tensor.rand(12, 32, 28, 28, 1);
            static Tensor kernel = Tensor.randn(13, 3, 3, 1, 8);
            static Tensor bias = Tensor.zeros(8);
            static Tensor t = Tensor.zeros(2, 3);
            """;

    /** One example: where it is and its code. */
    record Example(String key, String code) {
    }

    @Test
    void everyExampleRunsOrIsAListedFragment() throws IOException, ReflectiveOperationException {
        List<Example> examples = examples();
        Map<String, String> fragments = fragments();
        Map<String, Example> byClass = new LinkedHashMap<>();
        for (int i = 0; i < examples.size(); i++) {
            byClass.put("JavadocExample" + i, examples.get(i));
        }

        Map<String, String> failures = new TreeMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        byClass.forEach((name, example) -> sources.put(name, source(name, example)));
        // javac stops at the first phase with errors, so later-phase errors of other sources show
        // up only once the earlier ones are gone: drop the failing sources until the rest compiles.
        InMemoryCompiler.Compiled good = InMemoryCompiler.compileAll(sources);
        while (!good.errors().isEmpty()) {
            good.errors().forEach((name, messages) ->
                    failures.put(byClass.get(name).key(), "does not compile: " + messages));
            good.errors().keySet().forEach(sources::remove);
            good = InMemoryCompiler.compileAll(sources);
        }
        ClassLoader loader = good.loader();

        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            for (String name : sources.keySet()) {
                String listed = fragments.getOrDefault(byClass.get(name).key(), "");
                if (listed.startsWith(COMPILE_ONLY)) {
                    continue;
                }
                try {
                    loader.loadClass(name).getMethod("run").invoke(null);
                } catch (InvocationTargetException e) {
                    failures.put(byClass.get(name).key(), "throws " + e.getCause());
                }
            }
        } finally {
            System.setOut(out);
        }

        List<String> problems = new ArrayList<>();
        failures.forEach((key, why) -> {
            if (!fragments.containsKey(key)) {
                problems.add(key + " neither runs nor is listed in " + FRAGMENTS + ": " + why.replace('\n', ' '));
            }
        });
        int compileOnly = 0;
        for (Map.Entry<String, String> listed : fragments.entrySet()) {
            String key = listed.getKey();
            boolean isCompileOnly = listed.getValue().startsWith(COMPILE_ONLY);
            compileOnly += isCompileOnly ? 1 : 0;
            if (byClass.values().stream().noneMatch(e -> e.key().equals(key))) {
                problems.add(key + " is listed in " + FRAGMENTS + " but there is no such example");
            } else if (isCompileOnly && failures.containsKey(key)) {
                problems.add(key + " is listed as compile-only but " + failures.get(key).replace('\n', ' '));
            } else if (!isCompileOnly && !failures.containsKey(key)) {
                problems.add(key + " runs now: remove it from " + FRAGMENTS);
            }
        }
        System.out.printf("Javadoc examples: %d found, %d run, %d compiled only, %d listed as fragments%n",
                examples.size(), examples.size() - failures.size() - compileOnly, compileOnly,
                fragments.size() - compileOnly);
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    /**
     * The example as a class. The classes of the example's own package are imported by name, so
     * that a name two packages share (the layer {@code Add} and the op {@code Add}) means the one
     * of the package the example documents.
     */
    private static String source(String className, Example example) {
        String pkg = example.key().substring(0, example.key().lastIndexOf('/'));
        StringBuilder own = new StringBuilder();
        try (Stream<Path> files = Files.list(SOURCES.resolve(pkg))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String name = f.getFileName().toString().replace(".java", "");
                if (Pattern.compile("^public (?:(?:final|abstract) )*(?:class|interface|enum|record) " + name + "\\b",
                        Pattern.MULTILINE).matcher(Files.readString(f)).find()) {
                    own.append("import ").append(pkg.replace('/', '.')).append('.').append(name).append(";\n");
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return IMPORTS + own + "public class " + className + " {\n" + PRELUDE
                + "public static void run() throws Exception {\n" + example.code() + "\n}\n}\n";
    }

    /** Every example, keyed {@code path/from/src/main/java/File.java#n} (n counts from 1 in the file). */
    static List<Example> examples() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        List<Example> examples = new ArrayList<>();
        for (Path file : files) {
            Matcher m = EXAMPLE.matcher(Files.readString(file));
            for (int n = 1; m.find(); n++) {
                StringBuilder code = new StringBuilder();
                for (String line : m.group(1).split("\n")) {
                    code.append(line.replaceFirst("^\\s*\\* ?", "")).append('\n');
                }
                String key = SOURCES.relativize(file).toString().replace('\\', '/') + "#" + n;
                examples.add(new Example(key, code.toString()));
            }
        }
        return examples;
    }

    /** The allow-list: lines {@code key  reason}; {@code #} starts a comment line. */
    private static Map<String, String> fragments() throws IOException {
        Map<String, String> listed = new LinkedHashMap<>();
        for (String line : Files.readAllLines(FRAGMENTS)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("\\s+", 2);
            assertTrue(parts.length == 2, () -> FRAGMENTS + ": a listed example needs a reason: " + line);
            listed.put(parts[0], parts[1]);
        }
        return listed;
    }
}
