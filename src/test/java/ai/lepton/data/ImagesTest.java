package ai.lepton.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesTest {
    private static final double EIGHT_BITS = 0.5 / 255;
    private static final double JPEG_TOLERANCE = 0.05;

    @TempDir
    Path dir;

    /** A 2 x 3 RGB image: red, green, blue on top; black, white, gray below. */
    private static BufferedImage sixColors(int type) {
        BufferedImage img = new BufferedImage(3, 2, type);
        int[] rgb = {0xff0000, 0x00ff00, 0x0000ff, 0x000000, 0xffffff, 0x808080};
        for (int i = 0; i < 6; i++) {
            img.setRGB(i % 3, i / 3, 0xff000000 | rgb[i]);
        }
        return img;
    }

    /** A 16 x 16 RGB image with rows of six colors (tiny GIFs do not survive the JDK's GIF writer). */
    private static BufferedImage stripes() {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        int[] rgb = {0xff0000, 0x00ff00, 0x0000ff, 0x000000, 0xffffff, 0x808080};
        for (int i = 0; i < 256; i++) {
            img.setRGB(i % 16, i / 16, rgb[i / 16 % 6]);
        }
        return img;
    }

    private Path write(BufferedImage img, String format, String name) throws IOException {
        Path file = dir.resolve(name);
        assertTrue(ImageIO.write(img, format, file.toFile()), "no writer for " + format);
        return file;
    }

    @Test
    void grayscaleRoundTripIsExact() {
        double[] v = new double[12];
        Arrays.setAll(v, i -> (i * 23 % 256) / 255.0);
        Tensor image = Tensor.of(v, 1, 3, 4, 1);
        Path file = dir.resolve("g.png");
        Images.save(image, file);
        assertArrayEquals(v, Images.load(file, 3, 4, 1).toArray());
    }

    @Test
    void rgbRoundTripIsExactAndAcceptsRankThree() {
        double[] v = new double[2 * 2 * 3];
        Arrays.setAll(v, i -> (i * 21) / 255.0);
        Path file = dir.resolve("c.png");
        Images.save(Tensor.of(v, 2, 2, 3), file);
        Tensor back = Images.load(file, 2, 2, 3);
        assertArrayEquals(new int[] {1, 2, 2, 3}, back.shape());
        assertArrayEquals(v, back.toArray());
    }

    @Test
    void colorImagesReadAsLuminanceOrAsThreeChannels() throws IOException {
        Path file = write(sixColors(BufferedImage.TYPE_INT_RGB), "png", "six.png");
        Tensor gray = Images.load(file, 2, 3, 1);
        assertArrayEquals(new double[] {0.299, 0.587, 0.114, 0, 1, 128 / 255.0}, gray.toArray(), 1e-12);
        Tensor rgb = Images.load(file, 2, 3, 3);
        assertArrayEquals(new double[] {1, 0, 0}, Arrays.copyOfRange(rgb.toArray(), 0, 3));
    }

    @Test
    void grayImagesRepeatTheirValueAsRgb() {
        Path file = dir.resolve("g.png");
        Images.save(Tensor.of(new double[] {0.2, 0.6}, 1, 2, 1), file);
        assertArrayEquals(new double[] {0.2, 0.2, 0.2, 0.6, 0.6, 0.6}, Images.load(file, 1, 2, 3).toArray(), 1e-12);
    }

    @Test
    void alphaIsDropped() throws IOException {
        BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, 0x80336699);
        Tensor t = Images.load(write(img, "png", "a.png"), 1, 1, 3);
        assertArrayEquals(new double[] {0x33 / 255.0, 0x66 / 255.0, 0x99 / 255.0}, t.toArray(), 1e-12);
    }

    @Test
    void readsBmpGifAndJpeg() throws IOException {
        double[] png = Images.load(write(stripes(), "png", "s.png"), 16, 16, 3).toArray();
        assertArrayEquals(png, Images.load(write(stripes(), "bmp", "s.bmp"), 16, 16, 3).toArray());
        assertArrayEquals(png, Images.load(write(stripes(), "gif", "s.gif"), 16, 16, 3).toArray());
        BufferedImage flat = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                flat.setRGB(x, y, 0x4080c0);
            }
        }
        double[] jpeg = Images.load(write(flat, "jpg", "flat.jpg"), 8, 8, 3).toArray();
        assertEquals(0x40 / 255.0, jpeg[0], JPEG_TOLERANCE);
        assertEquals(0xc0 / 255.0, jpeg[2], JPEG_TOLERANCE);
    }

    @Test
    void resizingIsBilinearWithHalfPixelCentres() {
        Path file = dir.resolve("two.png");
        Images.save(Tensor.of(new double[] {0, 1}, 1, 2, 1), file);
        double[] wide = Images.load(file, 1, 4, 1).toArray();
        assertArrayEquals(new double[] {0, 0.25, 0.75, 1}, wide, EIGHT_BITS);
        assertArrayEquals(new double[] {0.5}, Images.load(file, 1, 1, 1).toArray(), EIGHT_BITS);
    }

    @Test
    void saveClipsToTheUnitRangeAndRejectsOtherShapes() {
        Path file = dir.resolve("clip.png");
        Images.save(Tensor.of(new double[] {-0.5, 1.5}, 1, 2, 1), file);
        assertArrayEquals(new double[] {0, 1}, Images.load(file, 1, 2, 1).toArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Images.save(Tensor.zeros(2, 4, 4, 1), file));
        assertTrue(e.getMessage().contains("(2, 4, 4, 1)"), e.getMessage());
    }

    @Test
    void fileThatIsNotAnImageIsNamed() throws IOException {
        Path file = dir.resolve("notes.png");
        Files.writeString(file, "these are not pixels");
        DataFormatException e = assertThrows(DataFormatException.class, () -> Images.load(file, 2, 2, 1));
        assertEquals(file, e.file());
        assertTrue(e.getMessage().contains("not an image"), e.getMessage());
    }

    @Test
    void truncatedPngIsNamed() throws IOException {
        BufferedImage noise = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 64 * 64; i++) {
            noise.setRGB(i % 64, i / 64, i * 2654435761L > 0 ? (int) (i * 2654435761L) : i);
        }
        byte[] full = Files.readAllBytes(write(noise, "png", "full.png"));
        Path cut = dir.resolve("cut.png");
        Files.write(cut, Arrays.copyOf(full, full.length / 2));
        DataFormatException e = assertThrows(DataFormatException.class, () -> Images.load(cut, 64, 64, 3));
        assertEquals(cut, e.file());
    }

    @Test
    void missingImageIsNamed() {
        DataFormatException e = assertThrows(DataFormatException.class, () -> Images.load(dir.resolve("x.png"), 1, 1, 1));
        assertTrue(e.getMessage().contains("x.png: no such file"), e.getMessage());
    }

    @Test
    void channelsMustBeOneThreeOrFour() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Images.load(dir.resolve("x.png"), 1, 1, 2));
        assertTrue(e.getMessage().contains("channels must be 1 (grayscale), 3 (RGB) or 4 (RGBA). Received: channels=2"),
                e.getMessage());
    }
}
