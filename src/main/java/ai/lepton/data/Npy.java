package ai.lepton.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads NumPy's {@code .npz} archives (a zip of {@code .npy} arrays), as {@code keras.datasets}
 * ships MNIST, IMDB and Boston Housing: numeric arrays of {@code uint8}, integers and floats, and
 * ragged {@code object} arrays, whose pickled contents {@link Pickle} reads.
 */
final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /**
     * One array: its shape, NumPy type ({@code |u1}, {@code <i8}, {@code <f8}, {@code |O}, ...) and
     * its raw little-endian body (for {@code |O}, a pickle stream).
     *
     * @param shape the dimensions
     * @param descr the NumPy type string
     * @param body the bytes after the header
     */
    record Array(int[] shape, String descr, byte[] body) {
        /** @return the number of elements */
        long count() {
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }

        /** @return every element as a double, for numeric types */
        double[] doubles(Path file, String name) {
            int n = Math.toIntExact(count());
            int width = width(descr, file, name);
            if ((long) n * width != body.length) {
                throw new DataFormatException(file, name + ": " + body.length + " bytes for " + n + " values of " + descr);
            }
            ByteBuffer b = ByteBuffer.wrap(body).order(descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            double[] out = new double[n];
            String type = descr.substring(1);
            for (int i = 0; i < n; i++) {
                out[i] = switch (type) {
                    case "u1" -> b.get(i) & 0xff;
                    case "i1" -> b.get(i);
                    case "i4" -> b.getInt(4 * i);
                    case "i8" -> b.getLong(8 * i);
                    case "f4" -> b.getFloat(4 * i);
                    case "f8" -> b.getDouble(8 * i);
                    default -> throw new DataFormatException(file, name + ": NumPy type " + descr + " is not supported");
                };
            }
            return out;
        }
    }

    private static int width(String descr, Path file, String name) {
        return switch (descr.substring(1)) {
            case "u1", "i1" -> 1;
            case "i4", "f4" -> 4;
            case "i8", "f8" -> 8;
            default -> throw new DataFormatException(file, name + ": NumPy type " + descr + " is not supported");
        };
    }

    /**
     * Reads every array of an {@code .npz} file.
     *
     * @param file the archive
     * @return the arrays by name, without the {@code .npy} suffix
     * @throws DataFormatException if the file is not an npz archive or an array is malformed
     */
    static Map<String, Array> readNpz(Path file) {
        Inputs.requireFile(file);
        Map<String, Array> out = new HashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<? extends ZipEntry> entries = new ArrayList<>(zip.stream().toList());
            for (ZipEntry e : entries) {
                String name = e.getName().endsWith(".npy") ? e.getName().substring(0, e.getName().length() - 4) : e.getName();
                try (InputStream in = zip.getInputStream(e)) {
                    out.put(name, read(in.readAllBytes(), file, name));
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new DataFormatException(file, 0, 0, "not a NumPy .npz archive (a zip file): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Reads one {@code .npy} array from its bytes.
     *
     * @param bytes the whole {@code .npy} content
     * @param file the file it came from, for messages
     * @param name the array's name, for messages
     * @return the array
     */
    static Array read(byte[] bytes, Path file, String name) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes.length < 10 || bytes[i] != MAGIC[i]) {
                throw new DataFormatException(file, name + ": not a NumPy .npy array (no \\x93NUMPY magic)");
            }
        }
        int major = bytes[6];
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = major == 1 ? b.getShort(8) & 0xffff : b.getInt(8);
        int start = major == 1 ? 10 : 12;
        if (start + headerLength > bytes.length) {
            throw new DataFormatException(file, name + ": truncated .npy header");
        }
        String header = new String(bytes, start, headerLength, StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shape = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shape.find()) {
            throw new DataFormatException(file, name + ": unreadable .npy header " + header.strip());
        }
        if (fortran.group(1).equals("True")) {
            throw new DataFormatException(file, name + ": Fortran-ordered arrays are not supported");
        }
        List<Integer> dims = new ArrayList<>();
        for (String d : shape.group(1).split(",")) {
            if (!d.isBlank()) {
                dims.add(Integer.parseInt(d.strip()));
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(bytes, start + headerLength, bytes.length);
        return new Array(dims.stream().mapToInt(Integer::intValue).toArray(), descr.group(1), body);
    }
}
