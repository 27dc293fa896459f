package ai.lepton.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelArchiveTest {
    @TempDir
    Path dir;

    private static List<NamedArray> sampleArrays() {
        return List.of(
                new NamedArray("dense/kernel", new int[] {2, 3}, new double[] {1, -2, 3.5, Math.PI, -0.0, 1e-300}),
                new NamedArray("dense/bias", new int[] {3}, new double[] {Double.MIN_VALUE, 7, Double.MAX_VALUE}));
    }

    private static JsonObject sampleDescription() {
        JsonObject d = new JsonObject();
        d.addProperty("kind", "test");
        return d;
    }

    private Path writeSample(String name) {
        Path file = dir.resolve(name);
        ModelArchive.write(file, sampleDescription(), sampleArrays());
        return file;
    }

    @Test
    void roundTripKeepsEveryBitAndTheDescription() {
        ModelArchive archive = ModelArchive.read(writeSample("m.lepton"));
        assertEquals("test", archive.description().get("kind").getAsString());
        List<NamedArray> arrays = archive.arrays();
        assertEquals(2, arrays.size());
        for (int i = 0; i < arrays.size(); i++) {
            NamedArray expected = sampleArrays().get(i);
            assertEquals(expected.name(), arrays.get(i).name());
            assertArrayEquals(expected.shape(), arrays.get(i).shape());
            for (int j = 0; j < expected.values().length; j++) {
                assertEquals(Double.doubleToRawLongBits(expected.values()[j]),
                        Double.doubleToRawLongBits(arrays.get(i).values()[j]));
            }
        }
    }

    @Test
    void failureWhileSavingKeepsThePreviousFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = writeSample("m.lepton");
        byte[] before = Files.readAllBytes(file);
        List<NamedArray> failing = new AbstractList<>() {
            @Override
            public NamedArray get(int index) {
                if (index == 1) {
                    throw new UncheckedIOException(new IOException("No space left on device"));
                }
                return sampleArrays().get(index);
            }

            @Override
            public int size() {
                return 2;
            }
        };
        assertThrows(UncheckedIOException.class, () -> ModelArchive.write(file, sampleDescription(), failing));
        assertArrayEquals(before, Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file.getFileName().toString()), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void missingFileIsAnIoErrorNamingThePath() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ModelArchive.read(dir.resolve("nope.lepton")));
        assertTrue(e.getMessage().contains("nope.lepton"), e.getMessage());
    }

    @Test
    void truncatedFileIsRejected() throws IOException {
        Path file = writeSample("m.lepton");
        byte[] bytes = Files.readAllBytes(file);
        for (int length : new int[] {0, 10, bytes.length / 2, bytes.length - 1}) {
            Path cut = dir.resolve("cut" + length);
            Files.write(cut, java.util.Arrays.copyOf(bytes, length));
            assertThrows(ModelFormatException.class, () -> ModelArchive.read(cut), "length " + length);
        }
    }

    @Test
    void missingArrayEntryIsNamed() throws IOException {
        Path file = dir.resolve("m.lepton");
        byte[] json = ("{\"format_version\":1,\"arrays\":[{\"name\":\"w\",\"shape\":[2],\"entry\":\"arrays/0.f64\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        Files.write(file, zip(new String[] {"model.json"}, new byte[][] {json}));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelArchive.read(file));
        assertTrue(e.getMessage().contains("'arrays/0.f64' of array 'w' is missing"), e.getMessage());
    }

    @Test
    void missingDescriptionIsNamed() throws IOException {
        Path file = dir.resolve("m.lepton");
        Files.write(file, zip(new String[] {"other.txt"}, new byte[][] {new byte[3]}));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelArchive.read(file));
        assertTrue(e.getMessage().contains("no 'model.json' entry"), e.getMessage());
    }

    @Test
    void newerFormatVersionIsRefusedWithBothVersions() throws IOException {
        Path file = dir.resolve("m.lepton");
        byte[] json = "{\"format_version\":7,\"lepton_version\":\"9.0\",\"arrays\":[]}".getBytes(StandardCharsets.UTF_8);
        Files.write(file, zip(new String[] {"model.json"}, new byte[][] {json}));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelArchive.read(file));
        assertTrue(e.getMessage().contains("newer Lepton (format version 7"), e.getMessage());
        assertTrue(e.getMessage().contains("up to 2"), e.getMessage());
    }

    @Test
    void absurdDeclaredSizeIsRefusedBeforeAllocating() throws IOException {
        Path file = dir.resolve("m.lepton");
        byte[] json = ("{\"format_version\":1,\"arrays\":[{\"name\":\"w\",\"shape\":[1000000,1000000],"
                + "\"entry\":\"arrays/0.f64\"}]}").getBytes(StandardCharsets.UTF_8);
        Files.write(file, zip(new String[] {"model.json", "arrays/0.f64"}, new byte[][] {json, new byte[8]}));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelArchive.read(file));
        assertTrue(e.getMessage().contains("(1000000, 1000000)"), e.getMessage());
    }

    @Test
    void arrayOfTheWrongByteCountIsRefused() throws IOException {
        Path file = dir.resolve("m.lepton");
        byte[] json = ("{\"format_version\":1,\"arrays\":[{\"name\":\"w\",\"shape\":[3],\"entry\":\"arrays/0.f64\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        Files.write(file, zip(new String[] {"model.json", "arrays/0.f64"}, new byte[][] {json, new byte[16]}));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelArchive.read(file));
        assertTrue(e.getMessage().contains("holds 16 bytes"), e.getMessage());
    }

    @Test
    void entryNamesThatClimbOutOfTheArchiveAreRefused() throws IOException {
        Path file = dir.resolve("m.lepton");
        byte[] bytes = zip(new String[] {"model.json", "aa/evil"}, new byte[][] {"{}".getBytes(StandardCharsets.UTF_8), new byte[1]});
        Files.write(file, replace(bytes, "aa/evil", "../evil"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelArchive.read(file));
        assertTrue(e.getMessage().contains("unsafe entry name '../evil'"), e.getMessage());
    }

    @Test
    void duplicatedEntriesAreRefused() throws IOException {
        Path file = writeSample("m.lepton");
        Files.write(file, replace(Files.readAllBytes(file), "arrays/1.f64", "arrays/0.f64"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelArchive.read(file));
        assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
    }

    @Test
    void invalidJsonIsRefused() throws IOException {
        Path file = dir.resolve("m.lepton");
        byte[] deep = ("[".repeat(100_000)).getBytes(StandardCharsets.UTF_8);
        for (byte[] json : new byte[][] {"{".getBytes(StandardCharsets.UTF_8), deep, "[1]".getBytes(StandardCharsets.UTF_8),
                "{\"format_version\":\"one\"}".getBytes(StandardCharsets.UTF_8)}) {
            Files.write(file, zip(new String[] {"model.json"}, new byte[][] {json}));
            assertThrows(ModelFormatException.class, () -> ModelArchive.read(file));
        }
    }

    static byte[] zip(String[] names, byte[][] contents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < names.length; i++) {
                zip.putNextEntry(new ZipEntry(names[i]));
                zip.write(contents[i]);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Replaces every occurrence of one ASCII string by another of the same length. */
    static byte[] replace(byte[] bytes, String from, String to) {
        byte[] f = from.getBytes(StandardCharsets.US_ASCII);
        byte[] t = to.getBytes(StandardCharsets.US_ASCII);
        byte[] out = bytes.clone();
        for (int i = 0; i + f.length <= out.length; i++) {
            if (java.util.Arrays.equals(out, i, i + f.length, f, 0, f.length)) {
                System.arraycopy(t, 0, out, i, t.length);
            }
        }
        return out;
    }
}
