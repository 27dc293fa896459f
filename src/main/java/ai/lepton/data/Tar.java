package ai.lepton.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads chosen files out of a gzipped tar archive (CIFAR's {@code .tar.gz}) in one pass: POSIX
 * ustar headers, with GNU long names.
 */
final class Tar {
    private static final int BLOCK = 512;

    private Tar() {
    }

    /**
     * The contents of the regular files whose names (without the leading folders) are wanted.
     *
     * @param file a {@code .tar.gz} archive
     * @param wanted base names, e.g. {@code data_batch_1}
     * @return the contents by base name
     * @throws DataFormatException if the archive is corrupt or truncated, or a wanted file is missing
     */
    static Map<String, byte[]> read(Path file, Set<String> wanted) {
        Map<String, byte[]> out = new HashMap<>();
        try (InputStream in = new GZIPInputStream(Inputs.open(file), 1 << 16)) {
            byte[] header = new byte[BLOCK];
            String longName = null;
            while (readFully(in, header) && header[0] != 0) {
                String name = longName != null ? longName : field(header, 345, 155).isEmpty() ? field(header, 0, 100)
                        : field(header, 345, 155) + "/" + field(header, 0, 100);
                longName = null;
                long size = Long.parseLong(field(header, 124, 12).isEmpty() ? "0" : field(header, 124, 12), 8);
                char type = (char) header[156];
                long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
                String base = name.substring(name.lastIndexOf('/', name.length() - 2) + 1);
                if (type == 'L') {
                    byte[] body = body(in, size, padded, file, name);
                    longName = new String(body, StandardCharsets.UTF_8).replace("\0", "");
                } else if ((type == '0' || type == 0) && wanted.contains(base)) {
                    out.put(base, body(in, size, padded, file, name));
                } else {
                    in.skipNBytes(padded);
                }
            }
        } catch (EOFException e) {
            throw new DataFormatException(file, 0, 0, "truncated tar archive", e);
        } catch (ZipException | NumberFormatException e) {
            throw new DataFormatException(file, 0, 0, "corrupt tar.gz archive: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        for (String w : wanted) {
            if (!out.containsKey(w)) {
                throw new DataFormatException(file, "the archive has no file named " + w);
            }
        }
        return out;
    }

    private static byte[] body(InputStream in, long size, long padded, Path file, String name) throws IOException {
        if (size > Integer.MAX_VALUE - 8) {
            throw new DataFormatException(file, name + " is " + size + " bytes, too large to read");
        }
        byte[] body = in.readNBytes((int) size);
        if (body.length != size) {
            throw new EOFException(name);
        }
        in.skipNBytes(padded - size);
        return body;
    }

    private static boolean readFully(InputStream in, byte[] block) throws IOException {
        int got = in.readNBytes(block, 0, block.length);
        if (got == 0) {
            return false;
        }
        if (got != block.length) {
            throw new EOFException("tar header");
        }
        return true;
    }

    private static String field(byte[] header, int from, int length) {
        int end = from;
        while (end < from + length && header[end] != 0) {
            end++;
        }
        return new String(header, from, end - from, StandardCharsets.UTF_8).strip();
    }
}
