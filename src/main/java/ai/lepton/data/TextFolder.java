package ai.lepton.data;

import ai.lepton.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a folder with one sub-folder of {@code .txt} files per class, Keras's
 * {@code text_dataset_from_directory}: classes are the sub-folders sorted by name (or
 * {@link TextFolderOptions#classNames}), files are found recursively and taken in order of their
 * paths, and each file is one text, decoded as UTF-8 (a file that is not valid UTF-8 is an error
 * naming it and the byte offset). The texts are then shuffled once with the seed (default 0;
 * Keras draws one when none is given), and {@code validationSplit} keeps the last
 * {@code floor(split * n)} texts for the {@code validation} subset and the rest for
 * {@code training}, so the two subsets read with the same seed never overlap. Like Keras, it logs
 * {@code Found N files belonging to M classes.}
 *
 * <p>Texts are strings, which Lepton tensors do not hold: the result is {@link LabeledTexts},
 * which becomes a {@link Dataset} through a vectorizer.
 *
 * <pre>{@code
 * LabeledTexts train = TextFolder.textDatasetFromDirectory(dir,
 *         TextFolderOptions.create().validationSplit(0.2).subset("training").seed(1337));
 * vectorizer.adapt(train.texts());
 * Dataset data = train.toDataset(vectorizer::call);
 * }</pre>
 */
public final class TextFolder {
    private static final Logger LOG = LoggerFactory.getLogger(TextFolder.class);

    private TextFolder() {
    }

    /**
     * @param dir the folder of class folders
     * @return every text, shuffled with seed 0, with integer labels
     */
    public static LabeledTexts textDatasetFromDirectory(Path dir) {
        return textDatasetFromDirectory(dir, TextFolderOptions.create());
    }

    /**
     * @param dir the folder of class folders
     * @param options the label mode, split and order
     * @return the texts of the chosen subset with their labels
     * @throws DataFormatException naming the file that is not valid UTF-8, or the folder without classes
     * @throws IllegalArgumentException for inconsistent options (a split without a subset, binary labels for other than 2 classes)
     */
    public static LabeledTexts textDatasetFromDirectory(Path dir, TextFolderOptions options) {
        options.validate();
        List<String> classes = options.classNames().isEmpty() ? subfolders(dir) : options.classNames();
        if (classes.isEmpty()) {
            throw new DataFormatException(dir, "no class folders found (one sub-folder of .txt files per class)");
        }
        if ("binary".equals(options.labelMode()) && classes.size() != 2) {
            throw new IllegalArgumentException("textDatasetFromDirectory: labelMode 'binary' needs exactly 2 classes, found "
                    + classes.size() + " " + classes + " in " + dir);
        }
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            Path classDir = dir.resolve(classes.get(c));
            if (!Files.isDirectory(classDir)) {
                throw new DataFormatException(classDir, "class folder '" + classes.get(c) + "' does not exist");
            }
            for (Path f : textFiles(classDir)) {
                files.add(f);
                labels.add(c);
            }
        }
        LOG.info("Found {} files belonging to {} classes.", files.size(), classes.size());
        int n = files.size();
        int[] order = options.shuffle() ? Shuffle.order(n, options.seed(), 0) : Shuffle.identity(n);
        int validation = (int) (options.validationSplit() * n);
        int from = 0;
        int to = n;
        if ("training".equals(options.subset())) {
            to = n - validation;
        } else if ("validation".equals(options.subset())) {
            from = n - validation;
        }
        List<String> texts = new ArrayList<>();
        List<Path> picked = new ArrayList<>();
        double[] y = new double[to - from];
        for (int i = from; i < to; i++) {
            Path f = files.get(order[i]);
            picked.add(f);
            texts.add(read(f, options.maxLength()));
            y[i - from] = labels.get(order[i]);
        }
        if (options.subset() != null) {
            LOG.info("Using {} files for {}.", to - from, options.subset());
        }
        return new LabeledTexts(texts, labelTensor(y, classes.size(), options.labelMode()), classes, picked);
    }

    private static Tensor labelTensor(double[] y, int classes, String mode) {
        if (mode == null) {
            return null;
        }
        switch (mode) {
            case "categorical": {
                double[] oneHot = new double[y.length * classes];
                for (int i = 0; i < y.length; i++) {
                    oneHot[i * classes + (int) y[i]] = 1;
                }
                return Tensor.of(oneHot, y.length, classes);
            }
            case "binary":
                return Tensor.of(y, y.length, 1);
            default:
                return Tensor.of(y, y.length);
        }
    }

    /** Reads a file as strict UTF-8, truncated to {@code maxLength} characters when that is set. */
    static String read(Path file, Integer maxLength) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        String text;
        try {
            text = decoder.decode(in).toString();
        } catch (MalformedInputException e) {
            throw new DataFormatException(file, "is not valid UTF-8: " + e.getInputLength() + " malformed byte(s) at byte offset "
                    + in.position());
        } catch (CharacterCodingException e) {
            throw new DataFormatException(file, "is not valid UTF-8: " + e.getMessage());
        }
        if (maxLength != null && text.codePointCount(0, text.length()) > maxLength) {
            text = text.substring(0, text.offsetByCodePoints(0, maxLength));
        }
        return text;
    }

    private static List<String> subfolders(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DataFormatException(dir, "is not a folder");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> textFiles(Path classDir) {
        try (Stream<Path> s = Files.walk(classDir)) {
            return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".txt"))
                    .sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + classDir + ": " + e.getMessage(), e);
        }
    }
}
