package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns texts into token ids or token counts, Keras's {@code TextVectorization}: each text is
 * standardized ({@code lower_and_strip_punctuation} by default: ASCII letters lowercased and ASCII
 * punctuation removed, exactly as Keras's {@code tf.strings.lower} and regex do), split on runs of
 * whitespace, optionally joined into {@code ngrams}, and looked up in a vocabulary that
 * {@link #adapt(List)} learns (by frequency, ties in descending order of the token, as Keras).
 *
 * <p>Output modes: {@code int} gives ids {@code (batch, outputSequenceLength)} (0 is padding, 1 the
 * out-of-vocabulary id {@code [UNK]}, terms from 2; without {@code outputSequenceLength}, the
 * batch's longest text sets the length); {@code multi_hot}, {@code count} and {@code tf_idf} give
 * {@code (batch, vocabularySize)} with {@code [UNK]} at index 0. {@code maxTokens} bounds the
 * vocabulary, special entries included.
 *
 * <p>Strings: outside a model, {@link #call(List)} takes the texts and returns a tensor. Inside a
 * model, the layer reads texts as {@link StringTensors#encode code points}, so a model that starts
 * with it takes raw text and saves its vocabulary in its file (the {@code vocabulary} setting).
 *
 * <pre>{@code
 * List<String> trainTexts = List.of("A fine film.", "A dull film!", "Fine acting");
 * TextVectorization vectorizer = new TextVectorization().maxTokens(20_000).outputSequenceLength(200);
 * vectorizer.adapt(trainTexts);
 * Tensor ids = vectorizer.call(List.of("A fine film!", "Dull."));   // (2, 200)
 * }</pre>
 */
public final class TextVectorization extends Layer {
    private static final Pattern PUNCTUATION = Pattern.compile("[!\"#$%&()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~']");
    private static final Pattern WHITESPACE = Pattern.compile("[ \\t\\n\\r\\u000B\\f]+");
    private static final List<String> STANDARDIZE = Arrays.asList("lower_and_strip_punctuation", "lower", "strip_punctuation", null);

    private Integer maxTokens;
    private String standardize = "lower_and_strip_punctuation";
    private String split = "whitespace";
    private Object ngramsArg;
    private int[] ngrams;
    private String outputMode = "int";
    private Integer outputSequenceLength;
    private boolean padToMaxTokens;
    private Lookup<String> lookup;

    /** A vectorizer with Keras's defaults: int output, no vocabulary until {@link #adapt} or {@link #setVocabulary}. */
    public TextVectorization() {
        lookup = newLookup();
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}, its vocabulary included.
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     */
    public static TextVectorization fromConfig(Config config) {
        config.markRead("sparse", "ragged", "encoding", "vocabulary_size");
        TextVectorization layer = new TextVectorization()
                .standardize(optionalString(config, "standardize", "lower_and_strip_punctuation"))
                .split(optionalString(config, "split", "whitespace"))
                .outputMode(config.getString("output_mode", "int"))
                .padToMaxTokens(config.getBoolean("pad_to_max_tokens", false));
        if (config.get("max_tokens") != null) {
            layer.maxTokens(config.getInt("max_tokens"));
        }
        Object n = config.get("ngrams");
        if (n instanceof Number number) {
            layer.ngrams(number.intValue());
        } else if (n != null) {
            layer.ngramWidths(config.getInts("ngrams"));
        }
        if (config.get("output_sequence_length") != null) {
            layer.outputSequenceLength(config.getInt("output_sequence_length"));
        }
        if (config.get("vocabulary") != null) {
            layer.setVocabulary(config.getStrings("vocabulary"),
                    config.get("idf_weights") == null ? null : config.getDoubles("idf_weights"));
        }
        return layer;
    }

    /** A setting whose {@code null} means "none" (not "the default"), as Keras's standardize and split. */
    private static String optionalString(Config config, String key, String fallback) {
        return !config.has(key) ? fallback : config.get(key) == null ? null : config.getString(key);
    }

    // ---------------------------------------------------------------- settings (before the vocabulary)

    /**
     * @param max the most vocabulary entries, special ones included (greater than 1), or {@code null} for no bound
     * @return this layer
     */
    public TextVectorization maxTokens(Integer max) {
        requireNoVocabulary();
        maxTokens = max;
        lookup = newLookup();
        return this;
    }

    /**
     * @param mode {@code lower_and_strip_punctuation} (default), {@code lower}, {@code strip_punctuation} or {@code null} for none
     * @return this layer
     */
    public TextVectorization standardize(String mode) {
        if (!STANDARDIZE.contains(mode)) {
            throw new IllegalArgumentException("TextVectorization: standardize must be one of " + STANDARDIZE + ". Received: standardize="
                    + mode);
        }
        requireNoVocabulary();
        standardize = mode;
        return this;
    }

    /**
     * @param mode {@code whitespace} (default), {@code character}, or {@code null} (each text is one token)
     * @return this layer
     */
    public TextVectorization split(String mode) {
        if (mode != null && !mode.equals("whitespace") && !mode.equals("character")) {
            throw new IllegalArgumentException("TextVectorization: split must be 'whitespace', 'character' or null. Received: split=" + mode);
        }
        requireNoVocabulary();
        split = mode;
        return this;
    }

    /**
     * @param n make the ngrams of widths 1 to n, joined by a space, after the tokens (Keras's {@code ngrams=n})
     * @return this layer
     */
    public TextVectorization ngrams(int n) {
        requirePositive("ngrams", n);
        ngramWidths(java.util.stream.IntStream.rangeClosed(1, n).toArray());
        ngramsArg = n;
        return this;
    }

    /**
     * @param widths make the ngrams of exactly these widths, in order (Keras's {@code ngrams=(1, 3)})
     * @return this layer
     */
    public TextVectorization ngramWidths(int... widths) {
        for (int w : widths) {
            requirePositive("ngrams", w);
        }
        requireNoVocabulary();
        ngrams = widths.clone();
        ngramsArg = widths.clone();
        return this;
    }

    /**
     * @param mode {@code int} (default), {@code multi_hot}, {@code count} or {@code tf_idf}
     * @return this layer
     */
    public TextVectorization outputMode(String mode) {
        if (!List.of("int", "multi_hot", "count", "tf_idf").contains(mode)) {
            throw new IllegalArgumentException("TextVectorization: output_mode must be 'int', 'multi_hot', 'count' or 'tf_idf'. "
                    + "Received: output_mode=" + mode);
        }
        requireNoVocabulary();
        outputMode = mode;
        lookup = newLookup();
        return this;
    }

    /**
     * @param length pad (with 0) or truncate each text's ids to this length ({@code int} mode only)
     * @return this layer
     */
    public TextVectorization outputSequenceLength(int length) {
        requirePositive("output_sequence_length", length);
        outputSequenceLength = length;
        return this;
    }

    /**
     * @param on whether the non-int outputs have {@code maxTokens} columns even with a smaller vocabulary
     * @return this layer
     */
    public TextVectorization padToMaxTokens(boolean on) {
        requireNoVocabulary();
        padToMaxTokens = on;
        lookup = newLookup();
        return this;
    }

    @Override
    public TextVectorization name(String layerName) {
        super.name(layerName);
        return this;
    }

    private Lookup<String> newLookup() {
        return new Lookup<>("TextVectorization", "", "[UNK]", 1, outputMode, maxTokens, padToMaxTokens, TextVectorization::compareUtf8);
    }

    private void requireNoVocabulary() {
        if (lookup != null && lookup.vocabulary().size() > lookup.tokenStart()) {
            throw new IllegalStateException(describe() + ": change the settings before adapt or setVocabulary");
        }
    }

    /** Keras sorts tokens as NumPy does, by their UTF-8 bytes. */
    static int compareUtf8(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- vocabulary

    /**
     * Learns the vocabulary (and the idf weights in {@code tf_idf} mode) from texts.
     *
     * @param texts the training texts
     * @return this layer
     * @throws IllegalStateException if the layer is already in a built model
     */
    public TextVectorization adapt(List<String> texts) {
        if (isBuilt()) {
            throw new IllegalStateException(describe() + ": adapt before building the model, whose shapes depend on the vocabulary");
        }
        lookup = newLookup();
        List<List<String>> docs = new ArrayList<>(texts.size());
        for (String t : texts) {
            docs.add(tokens(t));
        }
        lookup.adapt(docs);
        return this;
    }

    /**
     * Sets the vocabulary, Keras's {@code set_vocabulary}: the terms, or the whole list as {@link #getVocabulary()} gives it.
     *
     * @param vocabulary the terms
     * @param idfWeights one weight per entry in {@code tf_idf} mode, else {@code null}
     * @return this layer
     */
    public TextVectorization setVocabulary(List<String> vocabulary, double[] idfWeights) {
        lookup = newLookup();
        lookup.setVocabulary(vocabulary, idfWeights);
        return this;
    }

    /** @return the vocabulary, Keras's {@code get_vocabulary()}: {@code ""} and {@code [UNK]} first in int mode */
    public List<String> getVocabulary() {
        return lookup.vocabulary();
    }

    /** @return the number of vocabulary entries */
    public int vocabularySize() {
        return lookup.vocabulary().size();
    }

    // ---------------------------------------------------------------- text to tokens

    /**
     * @param text one text
     * @return its tokens after standardizing, splitting and ngrams
     */
    public List<String> tokens(String text) {
        String s = text;
        if ("lower".equals(standardize) || "lower_and_strip_punctuation".equals(standardize)) {
            s = lowerAscii(s);
        }
        if ("strip_punctuation".equals(standardize) || "lower_and_strip_punctuation".equals(standardize)) {
            s = PUNCTUATION.matcher(s).replaceAll("");
        }
        List<String> tokens = new ArrayList<>();
        if (split == null) {
            tokens.add(s);
        } else if (split.equals("character")) {
            s.codePoints().forEach(c -> tokens.add(new String(Character.toChars(c))));
        } else {
            for (String t : WHITESPACE.split(s)) {
                if (!t.isEmpty()) {
                    tokens.add(t);
                }
            }
        }
        if (ngrams == null) {
            return tokens;
        }
        List<String> out = new ArrayList<>();
        for (int width : ngrams) {
            for (int i = 0; i + width <= tokens.size(); i++) {
                out.add(String.join(" ", tokens.subList(i, i + width)));
            }
        }
        return out;
    }

    /** {@code tf.strings.lower} without an encoding changes ASCII letters only; Keras calls it so. */
    private static String lowerAscii(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            if (c[i] >= 'A' && c[i] <= 'Z') {
                c[i] += 'a' - 'A';
            }
        }
        return new String(c);
    }

    // ---------------------------------------------------------------- calling

    /**
     * Vectorizes texts outside a model.
     *
     * @param texts the texts
     * @return {@code (n, length)} ids in int mode, else {@code (n, vocabularySize)}
     */
    public Tensor call(List<String> texts) {
        return vectorize(texts.toArray(new String[0]));
    }

    private Tensor vectorize(String[] texts) {
        int n = texts.length;
        int[][] rows = new int[n][];
        for (int i = 0; i < n; i++) {
            List<String> tokens = tokens(texts[i]);
            rows[i] = new int[tokens.size()];
            for (int j = 0; j < rows[i].length; j++) {
                rows[i][j] = lookup.indexOf(tokens.get(j), 0);
            }
        }
        if (!outputMode.equals("int")) {
            return Tensor.of(lookup.encodeRows(rows), n, lookup.depth());
        }
        int length = outputSequenceLength != null ? outputSequenceLength : Arrays.stream(rows).mapToInt(r -> r.length).max().orElse(0);
        double[] ids = new double[n * length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < Math.min(length, rows[i].length); j++) {
                ids[i * length + j] = rows[i][j];
            }
        }
        return Tensor.of(ids, n, length);
    }

    @Override
    public TextVectorization inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        if (inputShape.length != 1) {
            throw new ShapeException(describe() + ": expected texts as code points (batch, chars) from StringTensors.encode, received "
                    + Shapes.formatBatched(inputShape));
        }
        if (!outputMode.equals("int")) {
            return new int[] {lookup.depth()};
        }
        if (outputSequenceLength == null) {
            throw new IllegalStateException(describe() + ": inside a model, int output needs outputSequenceLength (the model's shapes are fixed)");
        }
        return new int[] {outputSequenceLength};
    }

    /** Reads texts as code points, {@code (batch, chars)}; the output is data, with no gradient. */
    @Override
    public Tensor call(Tensor texts, boolean training) {
        return vectorize(StringTensors.decode(texts, describe()));
    }

    @Override
    public Config getConfig() {
        Config config = super.getConfig()
                .put("max_tokens", maxTokens)
                .put("standardize", standardize)
                .put("split", split)
                .put("ngrams", ngramsArg instanceof int[] w ? w.clone() : ngramsArg)
                .put("output_mode", outputMode)
                .put("output_sequence_length", outputSequenceLength)
                .put("pad_to_max_tokens", padToMaxTokens)
                .put("sparse", false)
                .put("ragged", false)
                .put("encoding", "utf-8");
        boolean hasVocabulary = lookup.vocabulary().size() > lookup.tokenStart();
        config.put("vocabulary", hasVocabulary ? new ArrayList<Object>(lookup.vocabulary()) : null);
        config.put("idf_weights", hasVocabulary && lookup.idfWeights() != null ? lookup.idfWeights() : null);
        return config;
    }
}
