package ai.lepton.viz;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs headless Chromium once per call, as root-safe as CI needs (no sandbox, no network beyond
 * what the page asks for, a fresh profile each time), and cleans up the process tree and profile.
 * Tests call {@link #assumeInstalled()} first, so they skip where no browser is installed.
 */
final class Chromium {
    private static final long TIMEOUT_SECONDS = 40;
    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");

    private Chromium() {
    }

    /** @return the browser: {@code $CHROMIUM} if set, else a usual install path, else {@code chromium} on the PATH */
    static Optional<Path> find() {
        String env = System.getenv("CHROMIUM");
        if (env != null && Files.isExecutable(Path.of(env))) {
            return Optional.of(Path.of(env));
        }
        for (String c : CANDIDATES) {
            if (Files.isExecutable(Path.of(c))) {
                return Optional.of(Path.of(c));
            }
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "chromium"))) {
                return Optional.of(Path.of(dir, "chromium"));
            }
        }
        return Optional.empty();
    }

    /** Skips the calling test, saying why, when there is no browser. */
    static void assumeInstalled() {
        Assumptions.assumeTrue(find().isPresent(), "Chromium not found (tried $CHROMIUM, " + CANDIDATES
                + " and the PATH); install Debian's 'chromium' package (.ci/run does) to run the browser tests");
    }

    /**
     * @param url the page
     * @param width the window width
     * @param height the window height
     * @return the screenshot
     */
    static BufferedImage screenshot(URI url, int width, int height) {
        return run(url, (work, args) -> {
            Path png = work.resolve("shot.png");
            args.add("--hide-scrollbars");
            args.add("--window-size=" + width + "," + height);
            args.add("--screenshot=" + png);
            return png;
        }, png -> {
            BufferedImage image = ImageIO.read(png.toFile());
            if (image == null) {
                throw new IOException("Chromium wrote no readable screenshot at " + png);
            }
            return image;
        });
    }

    /**
     * @param url the page
     * @param virtualTimeMillis how long the page's timers and fetches may run (virtual time) before the dump
     * @return the DOM as HTML after the page's scripts ran
     */
    static String dumpDom(URI url, int virtualTimeMillis) {
        return run(url, (work, args) -> {
            args.add("--virtual-time-budget=" + virtualTimeMillis);
            args.add("--dump-dom");
            return work.resolve("stdout.txt");
        }, out -> Files.readString(out, StandardCharsets.UTF_8));
    }

    private interface Options {
        Path add(Path work, List<String> args);
    }

    private interface Result<T> {
        T read(Path file) throws IOException;
    }

    private static <T> T run(URI url, Options options, Result<T> result) {
        Path browser = find().orElseThrow(() -> new IllegalStateException("no Chromium; call assumeInstalled() first"));
        Path work = null;
        Process process = null;
        try {
            work = Files.createTempDirectory("lepton-chromium");
            List<String> args = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + work.resolve("profile")));
            Path output = options.add(work, args);
            args.add(url.toString());
            process = new ProcessBuilder(args)
                    .redirectOutput(work.resolve("stdout.txt").toFile())
                    .redirectError(work.resolve("stderr.txt").toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Chromium did not finish within " + TIMEOUT_SECONDS + " s: " + args);
            }
            if (process.exitValue() != 0 || !Files.exists(output)) {
                throw new IllegalStateException("Chromium failed (exit " + process.exitValue() + "): "
                        + Files.readString(work.resolve("stderr.txt"), StandardCharsets.UTF_8));
            }
            return result.read(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (process != null) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            delete(work);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
