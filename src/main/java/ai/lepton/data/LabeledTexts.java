package ai.lepton.data;

import ai.lepton.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Texts with their labels, as {@link TextFolder#textDatasetFromDirectory} reads them: strings stay
 * strings until a vectorizer (e.g. a {@code TextVectorization}) turns them into a tensor.
 *
 * <pre>{@code
 * LabeledTexts train = TextFolder.textDatasetFromDirectory(dir);
 * Dataset data = train.toDataset(vectorizer::call);
 * }</pre>
 *
 * @param texts the texts, in the dataset's order
 * @param labels {@code (n)} class indices, {@code (n, classes)} one-hot, {@code (n, 1)} binary, or {@code null} without labels
 * @param classNames the class of index {@code i} at {@code i}
 * @param files the file of each text
 */
public record LabeledTexts(List<String> texts, Tensor labels, List<String> classNames, List<Path> files) {
    /**
     * Copies the lists.
     *
     * @param texts the texts
     * @param labels the labels, or {@code null}
     * @param classNames the class names
     * @param files the files
     */
    public LabeledTexts {
        texts = List.copyOf(texts);
        classNames = List.copyOf(classNames);
        files = List.copyOf(files);
    }

    /** @return the number of texts */
    public int size() {
        return texts.size();
    }

    /**
     * @param vectorizer turns the texts into one tensor whose first axis is the text
     * @return the vectorized texts with the labels and class names
     * @throws IllegalStateException if there are no labels
     */
    public Dataset toDataset(Function<List<String>, Tensor> vectorizer) {
        if (labels == null) {
            throw new IllegalStateException("these texts have no labels (labelMode null); vectorize texts() instead");
        }
        return Dataset.of(vectorizer.apply(texts), labels, classNames);
    }
}
