package ai.lepton.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Python snippets with h5py, the independent HDF5 implementation Lepton is tested against;
 * {@code make_fixtures.py} (its {@code tree()} function) is importable in them. Tests that need
 * it are skipped, saying why, where python3-h5py is not installed; CI's {@code .ci/run} installs it.
 * Public for the Keras file tests of other packages.
 */
public final class H5py {
    private static final String PYTHON = "/usr/bin/python3";
    /** Guards against a hung interpreter; a healthy run takes about a second. */
    private static final long TIMEOUT_SECONDS = 120;
    private static Boolean available;

    private H5py() {
    }

    /** Skips the calling test unless python3 with h5py and NumPy runs. */
    public static void assumeAvailable() {
        assumeTrue(isAvailable(), "python3-h5py and python3-numpy are not installed (apt-get install python3-h5py "
                + "python3-numpy): the checks against h5py are skipped");
    }

    /** @return whether python3 with h5py and NumPy runs */
    public static synchronized boolean isAvailable() {
        if (available == null) {
            try {
                available = run("import h5py, numpy").exitCode == 0;
            } catch (UncheckedIOException e) {
                available = false;
            }
        }
        return available;
    }

    /** Runs a snippet, failing the test unless it exits 0; returns its standard output. */
    public static String output(String script, String... args) {
        Result r = run(script, args);
        assertEquals(0, r.exitCode, "python failed:\n" + r.stderr);
        return r.stdout;
    }

    record Result(int exitCode, String stdout, String stderr) {
    }

    static Result run(String script, String... args) {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", "import sys; sys.path.insert(0, sys.argv[1]); "
                + "sys.argv = sys.argv[1:]\n" + script, fixtures().toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).start();
            p.getOutputStream().close();
            byte[][] streams = new byte[2][];
            Thread err = new Thread(() -> streams[1] = readAll(p.getErrorStream()));
            err.start();
            streams[0] = readAll(p.getInputStream());
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("python did not finish within " + TIMEOUT_SECONDS + " s");
            }
            err.join();
            return new Result(p.exitValue(), new String(streams[0], StandardCharsets.UTF_8),
                    new String(streams[1], StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The folder of make_fixtures.py among the test resources. */
    private static Path fixtures() {
        try {
            return Path.of(H5py.class.getResource("/keras/make_fixtures.py").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
