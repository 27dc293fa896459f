package ai.lepton.models;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Test helpers that take a model file apart and put it back together, to damage it on purpose. */
final class ModelFiles {
    static final String DESCRIPTION = "model.json";

    private ModelFiles() {
    }

    /** @return the entries of a zip, in order */
    static Map<String, byte[]> entries(byte[] zip) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** @return a zip of the entries, in order */
    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @return a zip of the entries, in order, stored without compression */
    static byte[] zipStored(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                CRC32 crc = new CRC32();
                crc.update(e.getValue());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(e.getValue().length);
                entry.setCrc(crc.getValue());
                out.putNextEntry(entry);
                out.write(e.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @return the parsed {@code model.json} of a model file */
    static JsonObject description(Map<String, byte[]> entries) {
        return JsonParser.parseString(new String(entries.get(DESCRIPTION), StandardCharsets.UTF_8)).getAsJsonObject();
    }

    /** @return the entries with {@code model.json} replaced */
    static Map<String, byte[]> withDescription(Map<String, byte[]> entries, JsonObject description) {
        Map<String, byte[]> copy = new LinkedHashMap<>(entries);
        copy.put(DESCRIPTION, description.toString().getBytes(StandardCharsets.UTF_8));
        return copy;
    }

    /**
     * A zip holding the entry {@code name} twice, which ZipOutputStream refuses to write: the copy
     * goes in under a same-length stand-in name that is then patched, in the local and central
     * headers alike, to the real one.
     */
    static byte[] zipWithDuplicate(Map<String, byte[]> entries, String name) {
        String standIn = name.substring(0, name.length() - 1) + (name.endsWith("#") ? "%" : "#");
        Map<String, byte[]> copy = new LinkedHashMap<>(entries);
        copy.put(standIn, entries.get(name));
        byte[] zip = zip(copy);
        byte[] from = standIn.getBytes(StandardCharsets.UTF_8);
        byte[] to = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + from.length <= zip.length; i++) {
            if (Arrays.equals(zip, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, zip, i, to.length);
            }
        }
        return zip;
    }
}
