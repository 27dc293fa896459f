package ai.lepton.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Compares a tree read by Lepton with what h5py read in the same file, as {@code make_fixtures.py}'s
 * {@code tree()} writes it: {path: {kind, dtype, shape, values or strings, attributes}}. Numbers
 * must be bit-identical (h5py's float32 and float64 values are exact in JSON's doubles).
 */
final class Hdf5Trees {
    private static final Map<String, Hdf5Type> DTYPES = Map.ofEntries(
            Map.entry("bool", Hdf5Type.INT8), Map.entry("int8", Hdf5Type.INT8), Map.entry("uint8", Hdf5Type.UINT8),
            Map.entry("int16", Hdf5Type.INT16), Map.entry("uint16", Hdf5Type.UINT16),
            Map.entry("int32", Hdf5Type.INT32), Map.entry("uint32", Hdf5Type.UINT32),
            Map.entry("int64", Hdf5Type.INT64), Map.entry("uint64", Hdf5Type.UINT64),
            Map.entry("float16", Hdf5Type.FLOAT16), Map.entry("float32", Hdf5Type.FLOAT32),
            Map.entry("float64", Hdf5Type.FLOAT64), Map.entry(">i2", Hdf5Type.INT16), Map.entry(">u2", Hdf5Type.UINT16),
            Map.entry(">i4", Hdf5Type.INT32), Map.entry(">u4", Hdf5Type.UINT32), Map.entry(">i8", Hdf5Type.INT64),
            Map.entry(">u8", Hdf5Type.UINT64), Map.entry(">f2", Hdf5Type.FLOAT16), Map.entry(">f4", Hdf5Type.FLOAT32),
            Map.entry(">f8", Hdf5Type.FLOAT64),
            Map.entry("string_vlen", Hdf5Type.VARIABLE_STRING), Map.entry("string_fixed", Hdf5Type.FIXED_STRING));

    private Hdf5Trees() {
    }

    static JsonObject parse(Reader json) {
        JsonReader reader = new JsonReader(json);
        // Python's json writes Infinity for float infinities, which only lenient parsing accepts.
        reader.setStrictness(Strictness.LENIENT);
        return JsonParser.parseReader(reader).getAsJsonObject();
    }

    static JsonObject parse(String json) {
        return parse(new StringReader(json));
    }

    static InputStream resource(String name) {
        InputStream in = Hdf5Trees.class.getResourceAsStream("/keras/" + name);
        assertTrue(in != null, "missing test resource keras/" + name);
        return in;
    }

    static JsonObject manifest(String name) {
        try (Reader r = new InputStreamReader(resource(name + ".tree.json"), StandardCharsets.UTF_8)) {
            return parse(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String resource) {
        try (InputStream in = resource(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of one entry of a zip resource, such as a .keras file's model.weights.h5. */
    static byte[] zipEntry(String resource, String entry) {
        try (ZipInputStream zip = new ZipInputStream(resource(resource))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(entry)) {
                    return zip.readAllBytes();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fail(resource + " has no entry " + entry);
    }

    /** Every object of the tree by path, the root included. */
    static Map<String, Hdf5Node> flatten(Hdf5Group root) {
        Map<String, Hdf5Node> out = new TreeMap<>();
        List<Hdf5Node> pending = new ArrayList<>(List.of(root));
        while (!pending.isEmpty()) {
            Hdf5Node n = pending.remove(pending.size() - 1);
            out.put(n.path(), n);
            if (n instanceof Hdf5Group g) {
                pending.addAll(g.children().values());
            }
        }
        return out;
    }

    static void assertMatches(JsonObject manifest, Hdf5Group root) {
        Map<String, Hdf5Node> nodes = flatten(root);
        assertEquals(new TreeSet<>(manifest.keySet()), new TreeSet<>(nodes.keySet()), "the objects of the file");
        for (Map.Entry<String, JsonElement> e : manifest.entrySet()) {
            JsonObject expected = e.getValue().getAsJsonObject();
            Hdf5Node node = nodes.get(e.getKey());
            String kind = expected.get("kind").getAsString();
            assertEquals(kind, node instanceof Hdf5Group ? "group" : "dataset", e.getKey());
            if (node instanceof Hdf5Dataset d) {
                assertValue(expected, d.value(), e.getKey());
            }
            JsonObject attributes = expected.getAsJsonObject("attributes");
            assertEquals(new TreeSet<>(attributes.keySet()), new TreeSet<>(node.attributes().keySet()),
                    "the attributes of " + e.getKey());
            for (String name : attributes.keySet()) {
                assertValue(attributes.getAsJsonObject(name), node.attributes().get(name), e.getKey() + "@" + name);
            }
        }
    }

    static void assertValue(JsonObject expected, Hdf5Value actual, String where) {
        Hdf5Type type = DTYPES.get(expected.get("dtype").getAsString());
        assertEquals(type, actual.type(), where + ": type");
        JsonArray shape = expected.getAsJsonArray("shape");
        int[] s = new int[shape.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = shape.get(i).getAsInt();
        }
        assertEquals(java.util.Arrays.toString(s), java.util.Arrays.toString(actual.shape()), where + ": shape");
        if (type.isString()) {
            List<String> strings = new ArrayList<>();
            expected.getAsJsonArray("strings").forEach(x -> strings.add(x.getAsString()));
            assertEquals(strings, actual.strings(), where + ": strings");
            return;
        }
        JsonArray values = expected.getAsJsonArray("values");
        double[] got = actual.doubles();
        assertEquals(values.size(), got.length, where + ": value count");
        for (int i = 0; i < got.length; i++) {
            double want = values.get(i).getAsDouble();
            assertEquals(0, Double.compare(want, got[i]), where + "[" + i + "]: expected " + want + ", read " + got[i]);
        }
    }
}
