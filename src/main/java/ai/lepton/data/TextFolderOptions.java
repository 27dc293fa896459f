package ai.lepton.data;

import java.util.Arrays;
import java.util.List;

/**
 * The settings of {@link TextFolder#textDatasetFromDirectory}, Keras's arguments in camelCase:
 * {@code labelMode} ({@code int} default, {@code categorical}, {@code binary}, or {@code null} for
 * no labels), {@code classNames}, {@code shuffle} (default true), {@code seed} (default 0),
 * {@code validationSplit} with {@code subset} ({@code training} or {@code validation}), and
 * {@code maxLength} (texts cut to that many characters). The setters change this object and
 * return it.
 *
 * <pre>{@code
 * TextFolderOptions options = TextFolderOptions.create().labelMode("binary").validationSplit(0.2).subset("validation").seed(7);
 * }</pre>
 */
public final class TextFolderOptions {
    private String labelMode = "int";
    private List<String> classNames = List.of();
    private boolean shuffle = true;
    private long seed;
    private double validationSplit;
    private String subset;
    private Integer maxLength;

    private TextFolderOptions() {
    }

    /** @return Keras's defaults */
    public static TextFolderOptions create() {
        return new TextFolderOptions();
    }

    /**
     * @param mode {@code int}, {@code categorical}, {@code binary} or {@code null}
     * @return this
     */
    public TextFolderOptions labelMode(String mode) {
        if (mode != null && !List.of("int", "categorical", "binary").contains(mode)) {
            throw new IllegalArgumentException("textDatasetFromDirectory: labelMode must be 'int', 'categorical', 'binary' or null. "
                    + "Received: labelMode=" + mode);
        }
        labelMode = mode;
        return this;
    }

    /**
     * @param names the class folders in index order, instead of all sub-folders sorted by name
     * @return this
     */
    public TextFolderOptions classNames(String... names) {
        classNames = Arrays.asList(names.clone());
        return this;
    }

    /**
     * @param on whether to shuffle the texts once, with the seed (default true)
     * @return this
     */
    public TextFolderOptions shuffle(boolean on) {
        shuffle = on;
        return this;
    }

    /**
     * @param value the shuffling seed (default 0)
     * @return this
     */
    public TextFolderOptions seed(long value) {
        seed = value;
        return this;
    }

    /**
     * @param fraction the fraction kept for validation, in [0, 1)
     * @return this
     */
    public TextFolderOptions validationSplit(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("textDatasetFromDirectory: validationSplit must be in [0, 1). Received: validationSplit="
                    + fraction);
        }
        validationSplit = fraction;
        return this;
    }

    /**
     * @param name {@code training} or {@code validation}, with a validation split
     * @return this
     */
    public TextFolderOptions subset(String name) {
        if (name != null && !name.equals("training") && !name.equals("validation")) {
            throw new IllegalArgumentException("textDatasetFromDirectory: subset must be 'training' or 'validation'. Received: subset="
                    + name);
        }
        subset = name;
        return this;
    }

    /**
     * @param characters cut texts to at most this many characters (default no limit)
     * @return this
     */
    public TextFolderOptions maxLength(int characters) {
        if (characters <= 0) {
            throw new IllegalArgumentException("textDatasetFromDirectory: maxLength must be positive. Received: maxLength=" + characters);
        }
        maxLength = characters;
        return this;
    }

    String labelMode() {
        return labelMode;
    }

    List<String> classNames() {
        return classNames;
    }

    boolean shuffle() {
        return shuffle;
    }

    long seed() {
        return seed;
    }

    double validationSplit() {
        return validationSplit;
    }

    String subset() {
        return subset;
    }

    Integer maxLength() {
        return maxLength;
    }

    void validate() {
        if ((validationSplit > 0) != (subset != null)) {
            throw new IllegalArgumentException("textDatasetFromDirectory: validationSplit and subset go together. Received: validationSplit="
                    + validationSplit + ", subset=" + subset);
        }
    }
}
