package ai.lepton.docs;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles Java sources in memory against the test class path and loads the result. */
final class InMemoryCompiler {
    private InMemoryCompiler() {
    }

    /**
     * @return the loaded class
     * @throws AssertionError with javac's diagnostics (and the source with line numbers) when it does not compile
     */
    static Class<?> compile(String className, String source) throws ClassNotFoundException {
        Compiled result = compileAll(Map.of(className, source));
        List<String> errors = result.errors().get(className);
        if (errors != null) {
            StringBuilder message = new StringBuilder("does not compile:\n");
            errors.forEach(e -> message.append("  ").append(e).append('\n'));
            String[] lines = source.split("\n");
            for (int i = 0; i < lines.length; i++) {
                message.append(String.format("%4d  %s%n", i + 1, lines[i]));
            }
            throw new AssertionError(message.toString());
        }
        return result.loader().loadClass(className);
    }

    /**
     * The outcome of compiling several sources at once.
     *
     * @param loader loads the compiled classes (none when any source has an error)
     * @param errors javac's errors per class name, as "line N: message"; empty when all compiled
     */
    record Compiled(ClassLoader loader, Map<String, List<String>> errors) {
    }

    /**
     * Compiles several top-level classes (class name to source) in one javac run against the test
     * class path. javac writes no classes when any source has an error, so a caller that wants
     * the good ones compiles them again without the bad.
     */
    static Compiled compileAll(Map<String, String> sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> classes = new HashMap<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8);
        ForwardingJavaFileManager<StandardJavaFileManager> manager = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String name, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + name.replace('.', '/') + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        classes.put(name, bytes);
                        return bytes;
                    }
                };
            }
        };
        List<JavaFileObject> files = new ArrayList<>();
        sources.forEach((className, source) -> files.add(new SimpleJavaFileObject(
                URI.create("string:///" + className + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        }));
        List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-proc:none");
        javac.getTask(null, manager, diagnostics, options, null, files).call();
        Map<String, List<String>> errors = new HashMap<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR && d.getSource() != null) {
                String path = d.getSource().toUri().getPath();
                String className = path.substring(1, path.length() - ".java".length());
                errors.computeIfAbsent(className, k -> new ArrayList<>())
                        .add("line " + d.getLineNumber() + ": " + d.getMessage(null));
            }
        }
        ClassLoader loader = new ClassLoader(InMemoryCompiler.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                ByteArrayOutputStream bytes = classes.get(name);
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] b = bytes.toByteArray();
                return defineClass(name, b, 0, b.length);
            }
        };
        return new Compiled(loader, errors);
    }
}
