package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Maps string tokens to contiguous indices, Keras's {@code StringLookup}: with the defaults,
 * index 0 is {@code [UNK]} for tokens outside the vocabulary and the vocabulary follows from 1; a
 * {@code maskToken} takes index 0 and shifts the rest by one. {@link #adapt(List)} learns the
 * vocabulary by frequency (ties in descending order of the token's UTF-8 bytes, as Keras).
 * {@link #tokens(Tensor)} maps indices back to tokens (Keras's {@code invert=True}).
 *
 * <p>Output modes: {@code int} gives one index per token; {@code one_hot}, {@code multi_hot},
 * {@code count} and {@code tf_idf} give {@code vocabularySize} columns, per token for
 * {@link #call(List)} (Keras's rank-1 input) and per row for {@link #callRows(List)}. Inside a
 * model, the layer reads tokens as {@link StringTensors#encode code points}.
 *
 * <pre>{@code
 * StringLookup lookup = new StringLookup().vocabulary("a", "b", "c", "d");
 * Tensor ids = lookup.call(List.of("a", "c", "d", "z"));   // [1, 3, 4, 0]
 * }</pre>
 */
public final class StringLookup extends Layer {
    private Integer maxTokens;
    private int numOovIndices = 1;
    private String maskToken;
    private String oovToken = "[UNK]";
    private String outputMode = "int";
    private boolean padToMaxTokens;
    private Lookup<String> lookup;

    /** A lookup with Keras's defaults and no vocabulary until {@link #adapt} or {@link #vocabulary(String...)}. */
    public StringLookup() {
        lookup = newLookup();
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}, its vocabulary included.
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     * @throws IllegalArgumentException for {@code invert=true}, whose strings a tensor cannot hold (use {@link #tokens(Tensor)})
     */
    public static StringLookup fromConfig(Config config) {
        config.markRead("sparse", "encoding", "vocabulary_size");
        if (config.getBoolean("invert", false)) {
            throw new IllegalArgumentException("StringLookup: invert=true outputs strings, which Lepton tensors cannot hold; "
                    + "use StringLookup.tokens(ids) instead");
        }
        StringLookup layer = new StringLookup()
                .numOovIndices(config.getInt("num_oov_indices", 1))
                .oovToken(config.getString("oov_token", "[UNK]"))
                .maskToken(config.getString("mask_token", null))
                .outputMode(config.getString("output_mode", "int"))
                .padToMaxTokens(config.getBoolean("pad_to_max_tokens", false));
        if (config.get("max_tokens") != null) {
            layer.maxTokens(config.getInt("max_tokens"));
        }
        if (config.get("vocabulary") != null) {
            layer.setVocabulary(config.getStrings("vocabulary"), config.get("idf_weights") == null ? null : config.getDoubles("idf_weights"));
        }
        return layer;
    }

    private Lookup<String> newLookup() {
        return new Lookup<>("StringLookup", maskToken, oovToken, numOovIndices, outputMode, maxTokens, padToMaxTokens,
                TextVectorization::compareUtf8);
    }

    private StringLookup reset() {
        if (lookup != null && lookup.vocabulary().size() > lookup.tokenStart()) {
            throw new IllegalStateException(describe() + ": change the settings before adapt or setting the vocabulary");
        }
        lookup = newLookup();
        return this;
    }

    /**
     * @param max the most vocabulary entries, special ones included, or {@code null} for no bound
     * @return this layer
     */
    public StringLookup maxTokens(Integer max) {
        maxTokens = max;
        return reset();
    }

    /**
     * @param count 0 (an unknown token is an error) or 1 (default); Keras hashes tokens over more with FarmHash, which Lepton does not
     * @return this layer
     */
    public StringLookup numOovIndices(int count) {
        if (count > 1) {
            throw new IllegalArgumentException("StringLookup: num_oov_indices above 1 hashes tokens with FarmHash64, which Lepton does "
                    + "not implement. Received: num_oov_indices=" + count);
        }
        numOovIndices = count;
        return reset();
    }

    /**
     * @param token the token that means padding, mapped to index 0 (default none)
     * @return this layer
     */
    public StringLookup maskToken(String token) {
        maskToken = token;
        return reset();
    }

    /**
     * @param token the out-of-vocabulary token (default {@code [UNK]})
     * @return this layer
     */
    public StringLookup oovToken(String token) {
        oovToken = token;
        return reset();
    }

    /**
     * @param mode {@code int} (default), {@code one_hot}, {@code multi_hot}, {@code count} or {@code tf_idf}
     * @return this layer
     */
    public StringLookup outputMode(String mode) {
        outputMode = mode;
        return reset();
    }

    /**
     * @param on whether the non-int outputs have {@code maxTokens} columns
     * @return this layer
     */
    public StringLookup padToMaxTokens(boolean on) {
        padToMaxTokens = on;
        return reset();
    }

    /**
     * @param terms the vocabulary, in index order
     * @return this layer
     */
    public StringLookup vocabulary(String... terms) {
        return setVocabulary(Arrays.asList(terms), null);
    }

    /**
     * Keras's {@code set_vocabulary}: the terms, or the whole list as {@link #getVocabulary()} gives it.
     *
     * @param terms the vocabulary
     * @param idfWeights one weight per entry in {@code tf_idf} mode, else {@code null}
     * @return this layer
     */
    public StringLookup setVocabulary(List<String> terms, double[] idfWeights) {
        lookup = newLookup();
        lookup.setVocabulary(terms, idfWeights);
        return this;
    }

    /**
     * Learns the vocabulary from tokens, each its own document (Keras's rank-1 data).
     *
     * @param tokens the tokens
     * @return this layer
     */
    public StringLookup adapt(List<String> tokens) {
        List<List<String>> docs = new ArrayList<>();
        tokens.forEach(t -> docs.add(List.of(t)));
        return adaptDocuments(docs);
    }

    /**
     * Learns the vocabulary from documents of tokens (document frequencies matter for {@code tf_idf}).
     *
     * @param documents each document's tokens
     * @return this layer
     */
    public StringLookup adaptDocuments(List<List<String>> documents) {
        lookup = newLookup();
        lookup.adapt(documents);
        return this;
    }

    /** @return Keras's {@code get_vocabulary()}: the mask token (if any), {@code [UNK]}, then the terms */
    public List<String> getVocabulary() {
        return lookup.vocabulary();
    }

    /**
     * Looks tokens up, each its own example.
     *
     * @param tokens the tokens
     * @return {@code (n)} indices in int mode, else {@code (n, vocabularySize)}
     */
    public Tensor call(List<String> tokens) {
        int[] ids = ids(tokens.toArray(new String[0]));
        if (outputMode.equals("int")) {
            return Tensor.of(Arrays.stream(ids).asDoubleStream().toArray(), ids.length);
        }
        int[][] rows = new int[ids.length][];
        for (int i = 0; i < ids.length; i++) {
            rows[i] = new int[] {ids[i]};
        }
        return Tensor.of(lookup.encodeRows(rows), ids.length, lookup.depth());
    }

    /**
     * Looks rows of tokens up.
     *
     * @param rows each example's tokens; in int mode all of one length
     * @return {@code (rows, length)} indices in int mode, else {@code (rows, vocabularySize)} per row
     * @throws IllegalArgumentException in int mode if the rows' lengths differ
     */
    public Tensor callRows(List<List<String>> rows) {
        int[][] ids = new int[rows.size()][];
        for (int r = 0; r < ids.length; r++) {
            ids[r] = ids(rows.get(r).toArray(new String[0]));
            if (outputMode.equals("int") && ids[r].length != ids[0].length) {
                throw new IllegalArgumentException(describe() + ": in int mode every row needs the same number of tokens; row 0 has "
                        + ids[0].length + ", row " + r + " has " + ids[r].length);
            }
        }
        if (!outputMode.equals("int")) {
            return Tensor.of(lookup.encodeRows(ids), ids.length, lookup.depth());
        }
        int width = ids.length == 0 ? 0 : ids[0].length;
        return Tensor.of(Arrays.stream(ids).flatMapToInt(Arrays::stream).asDoubleStream().toArray(), ids.length, width);
    }

    /**
     * The inverse lookup, Keras's {@code invert=True}.
     *
     * @param indices whole numbers
     * @return the vocabulary entry of each, row-major; an index outside the vocabulary gives the OOV token
     */
    public List<String> tokens(Tensor indices) {
        List<String> out = new ArrayList<>();
        for (double d : Storage.data(indices)) {
            if (d != Math.rint(d)) {
                throw new IllegalArgumentException(describe() + ": expected whole-number indices, received " + d);
            }
            out.add(lookup.tokenAt((int) Math.max(-1, Math.min(Integer.MAX_VALUE, d))));
        }
        return out;
    }

    private int[] ids(String[] tokens) {
        int[] ids = new int[tokens.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = lookup.indexOf(tokens[i], 0);
        }
        return ids;
    }

    @Override
    public StringLookup name(String layerName) {
        super.name(layerName);
        return this;
    }

    @Override
    public StringLookup inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        if (inputShape.length < 1) {
            throw new ShapeException(describe() + ": expected tokens as code points (batch, ..., chars) from StringTensors.encode, "
                    + "received " + Shapes.formatBatched(inputShape));
        }
        int[] tokens = Arrays.copyOf(inputShape, inputShape.length - 1);
        if (outputMode.equals("int")) {
            return tokens;
        }
        if (outputMode.equals("one_hot")) {
            int[] out = Arrays.copyOf(tokens, tokens.length + 1);
            out[tokens.length] = lookup.depth();
            return out;
        }
        return new int[] {lookup.depth()};
    }

    /** Reads tokens as code points {@code (batch, ..., chars)}; the output is data, with no gradient. */
    @Override
    public Tensor call(Tensor tokens, boolean training) {
        int[] shape = Storage.shape(tokens);
        int[] ids = ids(StringTensors.decode(tokens, describe()));
        int[] lead = Arrays.copyOf(shape, shape.length - 1);
        if (outputMode.equals("int")) {
            return Tensor.of(Arrays.stream(ids).asDoubleStream().toArray(), lead);
        }
        int per = outputMode.equals("one_hot") ? 1 : ids.length / Math.max(1, shape[0]);
        int[][] rows = new int[ids.length / per][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = Arrays.copyOfRange(ids, r * per, (r + 1) * per);
        }
        int[] out = outputMode.equals("one_hot") ? Arrays.copyOf(lead, lead.length + 1) : new int[] {shape[0], 0};
        out[out.length - 1] = lookup.depth();
        return Tensor.of(lookup.encodeRows(rows), out);
    }

    @Override
    public Config getConfig() {
        Config config = super.getConfig()
                .put("max_tokens", maxTokens)
                .put("num_oov_indices", numOovIndices)
                .put("mask_token", maskToken)
                .put("oov_token", oovToken)
                .put("invert", false)
                .put("output_mode", outputMode)
                .put("pad_to_max_tokens", padToMaxTokens)
                .put("sparse", false)
                .put("encoding", "utf-8");
        boolean has = lookup.vocabulary().size() > lookup.tokenStart();
        config.put("vocabulary", has ? new ArrayList<Object>(lookup.vocabulary()) : null);
        config.put("idf_weights", has && lookup.idfWeights() != null ? lookup.idfWeights() : null);
        return config;
    }
}
