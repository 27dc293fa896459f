package ai.lepton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the layering of DESIGN.md: a package imports only packages below it, autograd's ops
 * manage no scratch memory, and nothing uses Java serialization. Reads the main sources as text,
 * so it needs no extra library.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src", "main", "java", "ai", "lepton");

    /**
     * Each package's layer, bottom up; tensor and autograd share one layer. The root package ("")
     * holds only {@code Settings}, the user's switches for the whole library, above everything.
     */
    private static final Map<String, Integer> LAYER = Map.ofEntries(
            Map.entry("kernels", 0),
            Map.entry("config", 0),
            Map.entry("tensor", 1),
            Map.entry("autograd", 1),
            Map.entry("layers", 2),
            Map.entry("losses", 3),
            Map.entry("metrics", 3),
            Map.entry("optimizers", 3),
            Map.entry("data", 4),
            Map.entry("io", 5),
            Map.entry("models", 6),
            Map.entry("callbacks", 7),
            Map.entry("viz", 8),
            Map.entry("", 9));

    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?ai\\.lepton\\.(\\w+)\\.", Pattern.MULTILINE);
    private static final Pattern SERIALIZATION = Pattern.compile("\\b(Serializable|ObjectInputStream|ObjectOutputStream)\\b");

    /** Scratch memory by hand: a scratch scope or pool, or an arena's take, give or begin. */
    private static final Pattern SCRATCH = Pattern.compile(
            "\\b(Scratch|Workspace)\\b|\\bStepArena\\s*\\.\\s*take\\b|\\.\\s*(take|give|begin)\\s*\\(");

    /**
     * The autograd files allowed to manage arrays: the step arena itself, and {@code Op.newArray},
     * the one door through which ops take their outputs and gradients from it.
     */
    private static final List<String> ARRAY_OWNERS = List.of("StepArena.java", "Op.java");

    /** Whether code in package {@code from} may import package {@code to}. */
    static boolean mayImport(String from, String to) {
        if (from.equals(to)) {
            return true;
        }
        boolean tensorLayer = LAYER.get(from) == 1 && LAYER.get(to) == 1;
        // As in Keras, a metric may reuse a loss function ("mse" as a metric); never the reverse.
        boolean metricOfALoss = from.equals("metrics") && to.equals("losses");
        return tensorLayer || metricOfALoss || LAYER.get(to) < LAYER.get(from);
    }

    @Test
    void theRuleFollowsTheDesign() {
        assertTrue(mayImport("tensor", "autograd"));
        assertTrue(mayImport("autograd", "tensor"));
        assertTrue(mayImport("tensor", "kernels"));
        assertTrue(mayImport("callbacks", "models"));
        assertTrue(mayImport("models", "kernels"));
        assertFalse(mayImport("kernels", "tensor"));
        assertFalse(mayImport("layers", "models"));
        assertFalse(mayImport("losses", "metrics"));
        assertTrue(mayImport("metrics", "losses"));
        assertFalse(mayImport("losses", "optimizers"));
        assertFalse(mayImport("optimizers", "losses"));
        assertFalse(mayImport("models", "callbacks"));
        assertTrue(mayImport("viz", "callbacks"));
        assertFalse(mayImport("callbacks", "viz"));
    }

    @Test
    void packagesImportOnlyDownwards() throws IOException {
        List<String> violations = new ArrayList<>();
        int crossPackageImports = 0;
        for (Path file : sources()) {
            String from = packageOf(file);
            if (!LAYER.containsKey(from)) {
                violations.add(file + ": package ai.lepton." + from + " has no place in the layering of DESIGN.md");
                continue;
            }
            Matcher m = IMPORT.matcher(Files.readString(file));
            while (m.find()) {
                String to = m.group(1);
                crossPackageImports += to.equals(from) ? 0 : 1;
                if (!LAYER.containsKey(to) || !mayImport(from, to)) {
                    violations.add(file + ": " + from + " imports ai.lepton." + to);
                }
            }
        }
        assertEquals(List.of(), violations);
        assertTrue(crossPackageImports > 0, "the scan found no imports between packages: is the pattern broken?");
    }

    /** XChart is an optional dependency: only ai.lepton.viz may touch it, so the rest loads without it. */
    @Test
    void onlyVizUsesTheOptionalChartLibrary() throws IOException {
        List<String> violations = new ArrayList<>();
        int uses = 0;
        for (Path file : sources()) {
            boolean touches = Files.readString(file).contains("org.knowm.xchart");
            uses += touches ? 1 : 0;
            if (touches && !packageOf(file).equals("viz")) {
                violations.add(file.toString());
            }
        }
        assertEquals(List.of(), violations);
        assertTrue(uses > 0, "no file uses XChart: is the pattern broken?");
    }

    /**
     * An autograd op checks, chooses, calls a kernel and keeps its handle: scratch memory belongs to
     * the kernels, scoped there, so that no op pairs a take with a give by hand.
     */
    @Test
    void autogradOpsManageNoScratchMemory() throws IOException {
        List<String> violations = new ArrayList<>();
        int owners = 0;
        for (Path file : sources()) {
            if (!packageOf(file).equals("autograd")) {
                continue;
            }
            Matcher m = SCRATCH.matcher(Files.readString(file));
            boolean found = m.find();
            if (ARRAY_OWNERS.contains(file.getFileName().toString())) {
                owners += found ? 1 : 0;
            } else if (found) {
                violations.add(file + ": " + m.group());
            }
        }
        assertEquals(List.of(), violations);
        assertEquals(ARRAY_OWNERS.size(), owners, "the arena and Op.newArray must match: is the pattern broken?");
    }

    @Test
    void nothingUsesJavaSerialization() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : sources()) {
            Matcher m = SERIALIZATION.matcher(Files.readString(file));
            while (m.find()) {
                violations.add(file + ": " + m.group());
            }
        }
        assertEquals(List.of(), violations);
    }

    private static List<Path> sources() throws IOException {
        assertTrue(Files.isDirectory(MAIN), "run from the repository root: " + MAIN.toAbsolutePath());
        try (Stream<Path> files = Files.walk(MAIN)) {
            List<Path> java = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
            assertFalse(java.isEmpty(), "no sources under " + MAIN);
            return java;
        }
    }

    /** The first package segment below {@code ai.lepton}, or "" for a file directly in it. */
    private static String packageOf(Path file) {
        Path relative = MAIN.relativize(file);
        return relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
    }
}
