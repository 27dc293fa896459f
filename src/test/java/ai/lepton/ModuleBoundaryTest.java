package ai.lepton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module {@code ai.lepton} exports the user's packages only, loads from the module path, and
 * gives code outside it no way to a tensor's live array or to the kernels. The build puts the
 * descriptor into the jar only (see the pom), so this test compiles {@code src/main/module} itself
 * into a copy of the classes: an exploded module.
 */
class ModuleBoundaryTest {
    private static final Path CLASSES = Path.of("target", "classes");
    private static final Path DESCRIPTOR = Path.of("src", "main", "module", "module-info.java");

    @TempDir
    static Path scratch;
    private static Path module;

    @BeforeAll
    static void compileTheModule() throws IOException {
        module = scratch.resolve("ai.lepton");
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = module.resolve(CLASSES.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.deleteIfExists(module.resolve("module-info.class"));
        String modulePath = dependencies().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        StringWriter errors = new StringWriter();
        int status = ToolProvider.findFirst("javac").orElseThrow().run(new PrintWriter(errors), new PrintWriter(errors),
                "-Xlint:none", "--release", "17", "--module-path", modulePath, "--patch-module", "ai.lepton=" + CLASSES,
                "-d", module.toString(), DESCRIPTOR.toString());
        assertEquals(0, status, errors.toString());
    }

    /** The jars the module requires, from the test class path. */
    private static List<Path> dependencies() {
        List<Path> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("gson-") || name.startsWith("slf4j-api-") || name.startsWith("xchart-")) {
                jars.add(Path.of(entry));
            }
        }
        return jars;
    }
    private static final Set<String> USER_PACKAGES = Set.of("ai.lepton", "ai.lepton.autograd", "ai.lepton.callbacks",
            "ai.lepton.config", "ai.lepton.data", "ai.lepton.io", "ai.lepton.layers", "ai.lepton.losses", "ai.lepton.metrics",
            "ai.lepton.models", "ai.lepton.optimizers", "ai.lepton.optimizers.schedules", "ai.lepton.tensor", "ai.lepton.viz");

    private static ModuleDescriptor descriptor() {
        return ModuleFinder.of(module).find("ai.lepton").orElseThrow().descriptor();
    }

    @Test
    void theModuleExportsTheUserPackagesAndNothingElse() {
        Set<String> exported = descriptor().exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        assertEquals(USER_PACKAGES, exported);
        Set<String> internal = new TreeSet<>(descriptor().packages());
        internal.removeAll(exported);
        assertTrue(internal.containsAll(Set.of("ai.lepton.kernels", "ai.lepton.kernels.vector", "ai.lepton.tensor.internal")),
                internal.toString());
    }

    @Test
    void onTheModulePathTensorsWorkAndTheirArraysStayInside() throws Exception {
        List<Path> path = new ArrayList<>(List.of(module));
        path.addAll(dependencies());
        ModuleFinder finder = ModuleFinder.of(path.toArray(Path[]::new));
        ModuleLayer boot = ModuleLayer.boot();
        Configuration cf = boot.configuration().resolve(finder, ModuleFinder.of(), Set.of("ai.lepton"));
        ModuleLayer layer = boot.defineModulesWithOneLoader(cf, ClassLoader.getSystemClassLoader().getParent());
        Module lepton = layer.findModule("ai.lepton").orElseThrow();
        ClassLoader loader = layer.findLoader("ai.lepton");

        Class<?> tensor = Class.forName("ai.lepton.tensor.Tensor", true, loader);
        assertEquals(lepton, tensor.getModule());
        Object ones = tensor.getMethod("ones", int[].class).invoke(null, (Object) new int[] {2, 3});
        Object sum = tensor.getMethod("sum").invoke(ones);
        assertEquals(6.0, (double) tensor.getMethod("item").invoke(sum));

        Module outside = getClass().getModule();
        for (String internal : List.of("ai.lepton.tensor.internal", "ai.lepton.kernels", "ai.lepton.kernels.vector")) {
            assertFalse(lepton.isExported(internal, outside), internal);
        }
        Class<?> storage = Class.forName("ai.lepton.tensor.internal.Storage", true, loader);
        Method data = storage.getMethod("data", tensor);
        assertThrows(IllegalAccessException.class, () -> data.invoke(null, ones));
        Field values = tensor.getDeclaredField("data");
        assertThrows(RuntimeException.class, () -> values.setAccessible(true), "the module does not open its packages");
    }

    @Test
    void noPublicSignatureOfAnExportedPackageNamesAnInternalType() throws IOException, ClassNotFoundException {
        List<String> leaks = new ArrayList<>();
        List<Class<?>> classes = exportedClasses();
        assertTrue(classes.size() > 100, "found only " + classes.size() + " exported classes: is the scan broken?");
        assertEquals("ai.lepton.kernels.Parallel$RangeBody", internalTypeIn(ai.lepton.kernels.Parallel.RangeBody.class));
        assertEquals(null, internalTypeIn(ai.lepton.layers.Weights.Spec.class));
        for (Class<?> c : classes) {
            if (!Modifier.isPublic(c.getModifiers())) {
                continue;
            }
            List<Type> types = new ArrayList<>();
            types.add(c.getGenericSuperclass());
            types.addAll(List.of(c.getGenericInterfaces()));
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers())) {
                    types.add(m.getGenericReturnType());
                    for (Parameter p : m.getParameters()) {
                        types.add(p.getParameterizedType());
                    }
                }
            }
            for (var k : c.getDeclaredConstructors()) {
                if (Modifier.isPublic(k.getModifiers()) || Modifier.isProtected(k.getModifiers())) {
                    for (Parameter p : k.getParameters()) {
                        types.add(p.getParameterizedType());
                    }
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isPublic(f.getModifiers()) || Modifier.isProtected(f.getModifiers())) {
                    types.add(f.getGenericType());
                }
            }
            for (Type t : types) {
                String internal = internalTypeIn(t);
                if (internal != null) {
                    leaks.add(c.getName() + " names " + internal);
                }
            }
        }
        assertEquals(List.of(), leaks.stream().distinct().toList());
    }

    /** The first Lepton type in a (possibly generic) type that lives in a package the module keeps inside. */
    private static String internalTypeIn(Type type) {
        if (type == null) {
            return null;
        }
        for (String name : type.getTypeName().split("[<>,\\[\\]\\s?&]+")) {
            int dot = name.lastIndexOf('.');
            if (name.startsWith("ai.lepton.") && dot > 0 && !USER_PACKAGES.contains(name.substring(0, dot))) {
                return name; // nested classes are Outer$Inner, so the package is what precedes the last dot
            }
        }
        return null;
    }

    private static List<Class<?>> exportedClasses() throws IOException, ClassNotFoundException {
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = CLASSES.relativize(f).toString().replace(File.separatorChar, '.');
                name = name.substring(0, name.length() - ".class".length());
                if (name.equals("module-info") || name.endsWith("package-info")) {
                    continue;
                }
                String pkg = name.substring(0, name.lastIndexOf('.'));
                if (USER_PACKAGES.contains(pkg)) {
                    classes.add(Class.forName(name, false, ModuleBoundaryTest.class.getClassLoader()));
                }
            }
        }
        return classes;
    }
}
