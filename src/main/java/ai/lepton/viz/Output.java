package ai.lepton.viz;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import javax.imageio.ImageIO;

/** Writes pictures and pages to files (making missing folders), and PNGs as {@code data:} URIs for a self-contained page. */
final class Output {
    private Output() {
    }

    /**
     * @param image the picture
     * @param file the file to (over)write; missing parent folders are made
     * @throws UncheckedIOException if the file cannot be written
     */
    static void png(BufferedImage image, Path file) {
        write(bytes(image), file);
    }

    /**
     * @param text the page or SVG document, written as UTF-8
     * @param file the file to (over)write; missing parent folders are made
     * @throws UncheckedIOException if the file cannot be written
     */
    static void text(String text, Path file) {
        write(text.getBytes(StandardCharsets.UTF_8), file);
    }

    private static void write(byte[] bytes, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** @return {@code data:image/png;base64,...} */
    static String dataUri(BufferedImage image) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes(image));
    }

    private static byte[] bytes(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
