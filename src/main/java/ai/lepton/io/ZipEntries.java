package ai.lepton.io;

import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The entry names of a zip that a model file reader can trust: the one check that Lepton's
 * {@code .lepton} reader and the Keras {@code .keras} reader share.
 *
 * <pre>{@code
 * Path path = Path.of("model.keras");
 * try (ZipFile zip = new ZipFile(path.toFile())) {
 *     Set<String> names = ZipEntries.checkedNames(path, zip, 10_000);
 * }
 * }</pre>
 */
public final class ZipEntries {
    private ZipEntries() {
    }

    /**
     * @param path the file, for messages
     * @param zip the open zip
     * @param maxEntries the most entries a file of this kind may hold
     * @return the entry names
     * @throws ModelFormatException if a name could escape a folder (path traversal, an absolute or
     *         drive path), appears twice, or there are more than {@code maxEntries} entries
     */
    public static Set<String> checkedNames(Path path, ZipFile zip, int maxEntries) {
        Set<String> names = new HashSet<>();
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            if (name.contains("..") || name.startsWith("/") || name.contains("\\") || name.contains(":")) {
                throw new ModelFormatException(path + ": unsafe entry name '" + name + "'");
            }
            if (!names.add(name)) {
                throw new ModelFormatException(path + ": the entry '" + name + "' appears twice");
            }
            if (names.size() > maxEntries) {
                throw new ModelFormatException(path + ": more than " + maxEntries + " entries");
            }
        }
        return names;
    }
}
