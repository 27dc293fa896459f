package ai.lepton.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFolderTest {
    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static Path corpus(Path dir) throws IOException {
        write(dir.resolve("pos/b.txt"), "great film");
        write(dir.resolve("pos/a.txt"), "lovely ✓");
        write(dir.resolve("pos/deeper/c.txt"), "superb");
        write(dir.resolve("neg/x.txt"), "awful");
        write(dir.resolve("neg/y.txt"), "dull");
        write(dir.resolve("neg/notes.md"), "not a text file");
        return dir;
    }

    @Test
    void classesAreSortedFilesInPathOrderWithoutShuffling(@TempDir Path dir) throws IOException {
        LabeledTexts texts = TextFolder.textDatasetFromDirectory(corpus(dir), TextFolderOptions.create().shuffle(false));
        assertEquals(List.of("neg", "pos"), texts.classNames());
        assertEquals(List.of("awful", "dull", "lovely ✓", "great film", "superb"), texts.texts());
        assertArrayEquals(new double[] {0, 0, 1, 1, 1}, texts.labels().toArray());
    }

    @Test
    void labelModesGiveKerasShapes(@TempDir Path dir) throws IOException {
        corpus(dir);
        Tensor categorical = TextFolder.textDatasetFromDirectory(dir, TextFolderOptions.create().labelMode("categorical").shuffle(false))
                .labels();
        assertArrayEquals(new int[] {5, 2}, categorical.shape());
        assertArrayEquals(new double[] {1, 0, 1, 0, 0, 1, 0, 1, 0, 1}, categorical.toArray());
        assertArrayEquals(new int[] {5, 1}, TextFolder.textDatasetFromDirectory(dir, TextFolderOptions.create().labelMode("binary"))
                .labels().shape());
        assertNull(TextFolder.textDatasetFromDirectory(dir, TextFolderOptions.create().labelMode(null)).labels());
        LabeledTexts reversed = TextFolder.textDatasetFromDirectory(dir, TextFolderOptions.create().classNames("pos", "neg").shuffle(false));
        assertEquals("great film", reversed.texts().get(1));
        assertEquals(0.0, reversed.labels().get(0));
    }

    @Test
    void trainingAndValidationSubsetsPartitionTheShuffledTexts(@TempDir Path dir) throws IOException {
        corpus(dir);
        TextFolderOptions train = TextFolderOptions.create().validationSplit(0.4).subset("training").seed(9);
        TextFolderOptions val = TextFolderOptions.create().validationSplit(0.4).subset("validation").seed(9);
        LabeledTexts t = TextFolder.textDatasetFromDirectory(dir, train);
        LabeledTexts v = TextFolder.textDatasetFromDirectory(dir, val);
        assertEquals(3, t.size());
        assertEquals(2, v.size());
        Set<String> all = new HashSet<>(t.texts());
        all.addAll(v.texts());
        assertEquals(5, all.size(), "disjoint and complete");
        for (int i = 0; i < t.size(); i++) {
            assertEquals(t.files().get(i).getParent().toString().contains("pos") ? 1.0 : 0.0, t.labels().get(i), "label of " + t.files().get(i));
        }
        assertEquals(t.texts(), TextFolder.textDatasetFromDirectory(dir, train).texts(), "the seed fixes the order");
    }

    @Test
    void invalidUtf8IsAnErrorNamingTheFile(@TempDir Path dir) throws IOException {
        corpus(dir);
        Files.write(dir.resolve("neg/broken.txt"), new byte[] {'o', 'k', (byte) 0xC3, (byte) 0x28});
        DataFormatException e = assertThrows(DataFormatException.class, () -> TextFolder.textDatasetFromDirectory(dir));
        assertTrue(e.getMessage().contains("broken.txt") && e.getMessage().contains("not valid UTF-8")
                && e.getMessage().contains("byte offset 2"), e.getMessage());
    }

    @Test
    void badOptionsAreNamed(@TempDir Path dir) throws IOException {
        corpus(dir);
        write(dir.resolve("third/z.txt"), "meh");
        IllegalArgumentException binary = assertThrows(IllegalArgumentException.class,
                () -> TextFolder.textDatasetFromDirectory(dir, TextFolderOptions.create().labelMode("binary")));
        assertTrue(binary.getMessage().contains("exactly 2 classes, found 3"), binary.getMessage());
        IllegalArgumentException split = assertThrows(IllegalArgumentException.class,
                () -> TextFolder.textDatasetFromDirectory(dir, TextFolderOptions.create().validationSplit(0.2)));
        assertTrue(split.getMessage().contains("subset=null"), split.getMessage());
        assertThrows(DataFormatException.class, () -> TextFolder.textDatasetFromDirectory(dir.resolve("missing")));
        assertEquals("lov", TextFolder.textDatasetFromDirectory(dir, TextFolderOptions.create().maxLength(3).shuffle(false)).texts().get(2));
    }
}
