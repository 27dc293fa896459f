package ai.lepton.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The vocabulary and encoding that {@link StringLookup}, {@link IntegerLookup} and
 * {@link TextVectorization} share, as Keras's {@code IndexLookup}: index {@code 0} is the mask
 * token (in {@code int} mode, when there is one), then {@code numOovIndices} out-of-vocabulary
 * indices, then the terms. {@link #adapt} orders the terms by frequency, ties by the term in
 * descending order (Keras's {@code np.lexsort((tokens, counts))[::-1]}), and keeps
 * {@code maxTokens} entries in all; {@code tf_idf} weighs a term by
 * {@code log(1 + documents / (1 + documents containing it))}, the OOV index by the mean weight.
 *
 * @param <T> the token type: {@code String} or {@code Long}
 */
final class Lookup<T> {
    static final List<String> MODES = List.of("int", "one_hot", "multi_hot", "count", "tf_idf");

    private final String owner;
    private final T maskToken;
    private final T oovToken;
    private final int numOovIndices;
    private final String outputMode;
    private final Integer maxTokens;
    private final boolean padToMaxTokens;
    private final Comparator<T> order;
    private final List<T> vocabulary = new ArrayList<>();
    private final Map<T, Integer> index = new HashMap<>();
    private double[] idfWeights;

    Lookup(String owner, T maskToken, T oovToken, int numOovIndices, String outputMode, Integer maxTokens, boolean padToMaxTokens,
            Comparator<T> order) {
        if (!MODES.contains(outputMode)) {
            throw new IllegalArgumentException(owner + ": output_mode must be one of " + MODES + ". Received: output_mode=" + outputMode);
        }
        if (numOovIndices < 0) {
            throw new IllegalArgumentException(owner + ": num_oov_indices must be 0 or more. Received: num_oov_indices=" + numOovIndices);
        }
        if (maxTokens != null && maxTokens <= 1) {
            throw new IllegalArgumentException(owner + ": max_tokens must be greater than 1. Received: max_tokens=" + maxTokens);
        }
        if (padToMaxTokens && maxTokens == null) {
            throw new IllegalArgumentException(owner + ": pad_to_max_tokens needs max_tokens");
        }
        this.owner = owner;
        this.maskToken = maskToken;
        this.oovToken = oovToken;
        this.numOovIndices = numOovIndices;
        this.outputMode = outputMode;
        this.maxTokens = maxTokens;
        this.padToMaxTokens = padToMaxTokens;
        this.order = order;
        setTerms(List.of(), null);
    }

    /** @return the first index of a term: after the mask (int mode only) and the OOV indices */
    int tokenStart() {
        return oovStart() + numOovIndices;
    }

    private int oovStart() {
        return maskToken != null && outputMode.equals("int") ? 1 : 0;
    }

    /**
     * Sets the vocabulary, with or without the special tokens at its front, as Keras's {@code set_vocabulary}.
     *
     * @param given the terms (or the whole vocabulary as {@link #vocabulary()} lists it)
     * @param idf the terms' idf weights (tf_idf only), as long as {@code given}
     */
    void setVocabulary(List<T> given, double[] idf) {
        List<T> special = vocabulary.subList(0, tokenStart());
        boolean withSpecial = given.size() >= special.size() && given.subList(0, special.size()).equals(new ArrayList<>(special));
        List<T> terms = withSpecial ? given.subList(special.size(), given.size()) : given;
        if (outputMode.equals("tf_idf") && (idf == null || idf.length != given.size())) {
            throw new IllegalArgumentException(owner + ": tf_idf needs one idf weight per vocabulary entry: " + given.size()
                    + " entries, " + (idf == null ? "no" : idf.length) + " weights");
        }
        if (!outputMode.equals("tf_idf") && idf != null) {
            throw new IllegalArgumentException(owner + ": idf_weights are only for output_mode tf_idf. Received: output_mode=" + outputMode);
        }
        double[] termIdf = idf == null ? null : withSpecial ? Arrays.copyOfRange(idf, special.size(), idf.length) : idf;
        double front = idf == null ? 0 : withSpecial ? idf[0] : Arrays.stream(idf).average().orElse(0);
        setTerms(terms, termIdf == null ? null : withFront(termIdf, front));
    }

    private double[] withFront(double[] termIdf, double front) {
        double[] all = new double[tokenStart() + termIdf.length];
        Arrays.fill(all, 0, tokenStart(), front);
        System.arraycopy(termIdf, 0, all, tokenStart(), termIdf.length);
        return all;
    }

    private void setTerms(List<T> terms, double[] idf) {
        List<T> all = new ArrayList<>();
        if (maskToken != null && outputMode.equals("int")) {
            all.add(maskToken);
        }
        for (int i = 0; i < numOovIndices; i++) {
            all.add(oovToken);
        }
        Set<T> seen = new HashSet<>();
        for (T t : terms) {
            if (t == null || t.equals(maskToken) || t.equals(oovToken) || !seen.add(t)) {
                throw new IllegalArgumentException(owner + ": the vocabulary may not repeat a term or contain the mask or OOV token. "
                        + "Received: " + t);
            }
            all.add(t);
        }
        if (maxTokens != null && all.size() > maxTokens) {
            throw new IllegalArgumentException(owner + ": the vocabulary has " + all.size() + " entries, more than max_tokens=" + maxTokens);
        }
        vocabulary.clear();
        vocabulary.addAll(all);
        index.clear();
        for (int i = tokenStart(); i < all.size(); i++) {
            index.put(all.get(i), i);
        }
        idfWeights = idf;
    }

    /**
     * Learns the vocabulary from documents, as Keras's {@code adapt}.
     *
     * @param documents each document's tokens
     */
    void adapt(Iterable<List<T>> documents) {
        Map<T, long[]> counts = new LinkedHashMap<>();
        Map<T, long[]> docCounts = new HashMap<>();
        long docs = 0;
        for (List<T> doc : documents) {
            docs++;
            for (T t : doc) {
                counts.computeIfAbsent(t, k -> new long[1])[0]++;
            }
            for (T t : new HashSet<>(doc)) {
                docCounts.computeIfAbsent(t, k -> new long[1])[0]++;
            }
        }
        if (maskToken != null) {
            counts.remove(maskToken);
        }
        counts.remove(oovToken);
        List<T> terms = new ArrayList<>(counts.keySet());
        terms.sort(Comparator.<T>comparingLong(t -> counts.get(t)[0]).thenComparing(order).reversed());
        if (maxTokens != null && terms.size() > maxTokens - tokenStart()) {
            terms = terms.subList(0, maxTokens - tokenStart());
        }
        double[] idf = null;
        if (outputMode.equals("tf_idf")) {
            double[] termIdf = new double[terms.size()];
            for (int i = 0; i < termIdf.length; i++) {
                termIdf[i] = Math.log(1 + (double) docs / (1 + docCounts.get(terms.get(i))[0]));
            }
            idf = withFront(termIdf, Arrays.stream(termIdf).average().orElse(Double.NaN));
        }
        setTerms(new ArrayList<>(terms), idf);
    }

    /** @return the vocabulary, Keras's {@code get_vocabulary()}: special tokens first */
    List<T> vocabulary() {
        return List.copyOf(vocabulary);
    }

    /** @return the idf weights, one per vocabulary entry, or {@code null} outside tf_idf */
    double[] idfWeights() {
        return idfWeights == null ? null : idfWeights.clone();
    }

    /** @return the size of the encoded axis in the non-int modes */
    int depth() {
        return padToMaxTokens ? maxTokens : vocabulary.size();
    }

    String outputMode() {
        return outputMode;
    }

    /**
     * @param token a token
     * @param hash an integer standing for the token when {@code numOovIndices > 1} (Keras's floormod)
     * @return its index; the mask token gives 0 in int mode and -1 (nothing) in the others
     * @throws IllegalArgumentException naming the token if it is unknown and there is no OOV index
     */
    int indexOf(T token, long hash) {
        if (maskToken != null && maskToken.equals(token)) {
            return outputMode.equals("int") ? 0 : -1;
        }
        Integer i = index.get(token);
        if (i != null) {
            return i;
        }
        if (numOovIndices == 0) {
            throw new IllegalArgumentException(owner + ": '" + token + "' is not in the vocabulary and num_oov_indices=0");
        }
        return oovStart() + (int) Math.floorMod(hash, (long) numOovIndices);
    }

    /**
     * @param i an index
     * @return its vocabulary entry, Keras's inverse lookup; an index outside the vocabulary gives the OOV token
     */
    T tokenAt(int i) {
        return i >= 0 && i < vocabulary.size() ? vocabulary.get(i) : oovToken;
    }

    /**
     * Encodes rows of indices in a non-int mode.
     *
     * @param rows each sample's indices (-1 for nothing)
     * @return {@code rows.length * depth()} values, row-major
     */
    double[] encodeRows(int[][] rows) {
        int depth = depth();
        double[] out = new double[rows.length * depth];
        for (int r = 0; r < rows.length; r++) {
            for (int i : rows[r]) {
                if (i < 0) {
                    continue;
                }
                if (outputMode.equals("multi_hot") || outputMode.equals("one_hot")) {
                    out[r * depth + i] = 1;
                } else {
                    out[r * depth + i] += 1;
                }
            }
            if (outputMode.equals("tf_idf")) {
                for (int j = 0; j < depth; j++) {
                    out[r * depth + j] *= j < idfWeights.length ? idfWeights[j] : 0;
                }
            }
        }
        return out;
    }
}
