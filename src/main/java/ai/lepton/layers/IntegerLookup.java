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
 * Maps integer values (e.g. raw category codes) to contiguous indices, Keras's
 * {@code IntegerLookup}: with the defaults, index 0 is for values outside the vocabulary
 * ({@code oovToken} -1) and the vocabulary's values follow from 1; a {@code maskToken} takes index
 * 0 and shifts the rest by one; {@code numOovIndices > 1} spreads unknown values over that many
 * indices by {@code value mod numOovIndices}, as Keras. {@link #adapt(Tensor)} learns the
 * vocabulary by frequency (ties: larger value first). {@code invert} maps indices back to values.
 *
 * <p>Output modes: {@code int} keeps the input's shape; {@code one_hot} adds an axis of
 * {@code vocabularySize}; {@code multi_hot}, {@code count} and {@code tf_idf} turn each example's
 * values {@code (batch, n)} into {@code (batch, vocabularySize)}.
 *
 * <pre>{@code
 * IntegerLookup lookup = new IntegerLookup().vocabulary(12, 36, 1138, 42);
 * Tensor ids = lookup.call(Tensor.of(new double[] {12, 1138, 42, 7}, 1, 4), false);   // [[1, 3, 4, 0]]
 * }</pre>
 */
public final class IntegerLookup extends Layer {
    private Integer maxTokens;
    private int numOovIndices = 1;
    private Long maskToken;
    private long oovToken = -1;
    private boolean invert;
    private String outputMode = "int";
    private boolean padToMaxTokens;
    private Lookup<Long> lookup;

    /** A lookup with Keras's defaults and no vocabulary until {@link #adapt} or {@link #vocabulary(long...)}. */
    public IntegerLookup() {
        lookup = newLookup();
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}, its vocabulary included.
     *
     * @param config the saved settings
     * @return a new, unbuilt layer
     */
    public static IntegerLookup fromConfig(Config config) {
        config.markRead("sparse", "vocabulary_dtype", "oov_method", "salt");
        IntegerLookup layer = new IntegerLookup()
                .numOovIndices(config.getInt("num_oov_indices", 1))
                .oovToken(config.getLong("oov_token", -1))
                .invert(config.getBoolean("invert", false))
                .outputMode(config.getString("output_mode", "int"))
                .padToMaxTokens(config.getBoolean("pad_to_max_tokens", false));
        if (config.get("max_tokens") != null) {
            layer.maxTokens(config.getInt("max_tokens"));
        }
        if (config.get("mask_token") != null) {
            layer.maskToken(config.getLong("mask_token"));
        }
        if (config.get("vocabulary") != null) {
            double[] v = config.getDoubles("vocabulary");
            List<Long> values = new ArrayList<>();
            for (double d : v) {
                values.add((long) d);
            }
            layer.setVocabulary(values, config.get("idf_weights") == null ? null : config.getDoubles("idf_weights"));
        }
        return layer;
    }

    private Lookup<Long> newLookup() {
        return new Lookup<>("IntegerLookup", maskToken, oovToken, numOovIndices, outputMode, maxTokens, padToMaxTokens, Long::compare);
    }

    private IntegerLookup reset() {
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
    public IntegerLookup maxTokens(Integer max) {
        maxTokens = max;
        return reset();
    }

    /**
     * @param count the number of out-of-vocabulary indices (default 1; 0 makes an unknown value an error)
     * @return this layer
     */
    public IntegerLookup numOovIndices(int count) {
        numOovIndices = count;
        return reset();
    }

    /**
     * @param value the value that means padding, mapped to index 0 (default none)
     * @return this layer
     */
    public IntegerLookup maskToken(Long value) {
        maskToken = value;
        return reset();
    }

    /**
     * @param value the value an inverted lookup gives for an OOV index (default -1)
     * @return this layer
     */
    public IntegerLookup oovToken(long value) {
        oovToken = value;
        return reset();
    }

    /**
     * @param on whether the layer maps indices back to values ({@code int} mode only)
     * @return this layer
     */
    public IntegerLookup invert(boolean on) {
        invert = on;
        return this;
    }

    /**
     * @param mode {@code int} (default), {@code one_hot}, {@code multi_hot}, {@code count} or {@code tf_idf}
     * @return this layer
     */
    public IntegerLookup outputMode(String mode) {
        outputMode = mode;
        return reset();
    }

    /**
     * @param on whether the non-int outputs have {@code maxTokens} columns
     * @return this layer
     */
    public IntegerLookup padToMaxTokens(boolean on) {
        padToMaxTokens = on;
        return reset();
    }

    /**
     * @param values the vocabulary's values, in index order
     * @return this layer
     */
    public IntegerLookup vocabulary(long... values) {
        List<Long> list = new ArrayList<>();
        for (long v : values) {
            list.add(v);
        }
        return setVocabulary(list, null);
    }

    /**
     * Keras's {@code set_vocabulary}: the values, or the whole list as {@link #getVocabulary()} gives it.
     *
     * @param values the vocabulary
     * @param idfWeights one weight per entry in {@code tf_idf} mode, else {@code null}
     * @return this layer
     */
    public IntegerLookup setVocabulary(List<Long> values, double[] idfWeights) {
        lookup = newLookup();
        lookup.setVocabulary(values, idfWeights);
        return this;
    }

    /**
     * Learns the vocabulary: each row of a {@code (n, k)} tensor is a document, each value of a {@code (n)} tensor is one.
     *
     * @param data whole numbers
     * @return this layer
     */
    public IntegerLookup adapt(Tensor data) {
        int[] shape = data.shape();
        int width = shape.length < 2 ? 1 : Shapes.product(shape, 1, shape.length);
        long[] values = wholeNumbers(data);
        List<List<Long>> docs = new ArrayList<>();
        for (int i = 0; i < values.length; i += width) {
            List<Long> doc = new ArrayList<>();
            for (int j = i; j < i + width; j++) {
                doc.add(values[j]);
            }
            docs.add(doc);
        }
        lookup = newLookup();
        lookup.adapt(docs);
        return this;
    }

    /** @return Keras's {@code get_vocabulary()}: the mask value (if any), the OOV value(s), then the values */
    public List<Long> getVocabulary() {
        return lookup.vocabulary();
    }

    private long[] wholeNumbers(Tensor t) {
        double[] d = Storage.data(t);
        long[] out = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            if (d[i] != Math.rint(d[i]) || Math.abs(d[i]) > 1L << 53) {
                throw new IllegalArgumentException(describe() + ": expected whole numbers, received " + d[i] + " at position " + i);
            }
            out[i] = (long) d[i];
        }
        return out;
    }

    @Override
    public IntegerLookup name(String layerName) {
        super.name(layerName);
        return this;
    }

    @Override
    public IntegerLookup inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        if (invert && !outputMode.equals("int")) {
            throw new IllegalArgumentException(describe() + ": invert needs output_mode 'int'. Received: output_mode=" + outputMode);
        }
        switch (outputMode) {
            case "int":
                return inputShape.clone();
            case "one_hot": {
                int[] out = Arrays.copyOf(inputShape, inputShape.length + 1);
                out[inputShape.length] = lookup.depth();
                return out;
            }
            default:
                if (inputShape.length != 1) {
                    throw new ShapeException(describe() + ": " + outputMode + " takes (batch, values), received "
                            + Shapes.formatBatched(inputShape));
                }
                return new int[] {lookup.depth()};
        }
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        int[] shape = Storage.shape(x);
        long[] values = wholeNumbers(x);
        if (invert) {
            double[] out = new double[values.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = lookup.tokenAt((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, values[i])));
            }
            return Tensor.of(out, shape);
        }
        int[] ids = new int[values.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = lookup.indexOf(values[i], values[i]);
        }
        switch (outputMode) {
            case "int":
                return Tensor.of(Arrays.stream(ids).asDoubleStream().toArray(), shape);
            case "one_hot": {
                int[][] rows = new int[ids.length][];
                for (int i = 0; i < ids.length; i++) {
                    rows[i] = new int[] {ids[i]};
                }
                int[] out = Arrays.copyOf(shape, shape.length + 1);
                out[shape.length] = lookup.depth();
                return Tensor.of(lookup.encodeRows(rows), out);
            }
            default: {
                int width = shape.length < 2 ? 1 : Shapes.product(shape, 1, shape.length);
                int[][] rows = new int[ids.length / width][];
                for (int r = 0; r < rows.length; r++) {
                    rows[r] = Arrays.copyOfRange(ids, r * width, (r + 1) * width);
                }
                return Tensor.of(lookup.encodeRows(rows), rows.length, lookup.depth());
            }
        }
    }

    @Override
    public Config getConfig() {
        Config config = super.getConfig()
                .put("max_tokens", maxTokens)
                .put("num_oov_indices", numOovIndices)
                .put("mask_token", maskToken)
                .put("oov_token", oovToken)
                .put("invert", invert)
                .put("output_mode", outputMode)
                .put("pad_to_max_tokens", padToMaxTokens)
                .put("sparse", false)
                .put("vocabulary_dtype", "int64");
        boolean has = lookup.vocabulary().size() > lookup.tokenStart();
        config.put("vocabulary", has ? new ArrayList<Object>(lookup.vocabulary()) : null);
        config.put("idf_weights", has && lookup.idfWeights() != null ? lookup.idfWeights() : null);
        return config;
    }
}
