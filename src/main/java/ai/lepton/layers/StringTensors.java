package ai.lepton.layers;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.List;

/**
 * How strings enter a Lepton model: a tensor holds numbers only, so a string is carried as its
 * Unicode code points along the last axis, padded with 0. A batch of texts is
 * {@code (batch, maxChars)}; {@link TextVectorization} and {@link StringLookup} read that form when
 * they sit inside a model, so the model (with its vocabulary) is saved and served as one file.
 * Outside a model they also take {@code List<String>} directly.
 *
 * <p>Code point 0 (U+0000) is padding, so a string cannot contain it.
 *
 * <pre>{@code
 * TextVectorization vectorizer = new TextVectorization().outputSequenceLength(5).adapt(List.of("a good film", "awful"));
 * SymbolicTensor in = Input.shape(40);
 * Model textModel = new Model(in, new Dense(1, "sigmoid").apply(vectorizer.apply(in)));
 * Tensor texts = StringTensors.encode(List.of("a good film", "awful"), 40);   // (2, 40)
 * Tensor predictions = textModel.predict(texts);                             // (2, 1)
 * }</pre>
 */
public final class StringTensors {
    private StringTensors() {
    }

    /**
     * @param texts the strings
     * @return {@code (n, longest)}: each string's code points, padded with 0
     * @throws IllegalArgumentException if a string is null or contains U+0000
     */
    public static Tensor encode(List<String> texts) {
        int longest = 1;
        for (String s : texts) {
            longest = Math.max(longest, s == null ? 0 : s.codePointCount(0, s.length()));
        }
        return encode(texts, longest);
    }

    /**
     * @param texts the strings
     * @param maxChars the length of the last axis, positive
     * @return {@code (n, maxChars)}: each string's code points, padded with 0
     * @throws IllegalArgumentException naming the string's position if one is null, contains U+0000 or is longer than {@code maxChars}
     */
    public static Tensor encode(List<String> texts, int maxChars) {
        if (maxChars <= 0) {
            throw new IllegalArgumentException("StringTensors.encode: maxChars must be positive. Received: maxChars=" + maxChars);
        }
        double[] data = new double[Math.multiplyExact(texts.size(), maxChars)];
        for (int i = 0; i < texts.size(); i++) {
            String s = texts.get(i);
            if (s == null) {
                throw new IllegalArgumentException("StringTensors.encode: string " + i + " is null");
            }
            int[] points = s.codePoints().toArray();
            if (points.length > maxChars) {
                throw new IllegalArgumentException("StringTensors.encode: string " + i + " has " + points.length
                        + " characters, more than maxChars=" + maxChars);
            }
            for (int j = 0; j < points.length; j++) {
                if (points[j] == 0) {
                    throw new IllegalArgumentException("StringTensors.encode: string " + i + " contains U+0000 at character " + j
                            + ", which marks padding");
                }
                data[i * maxChars + j] = points[j];
            }
        }
        return Tensor.of(data, texts.size(), maxChars);
    }

    /**
     * @param encoded code points along the last axis, as {@link #encode} makes them
     * @param owner the layer reading them, for messages
     * @return one string per position of the leading axes, row-major
     * @throws IllegalArgumentException naming the owner if a value is not a code point
     */
    static String[] decode(Tensor encoded, String owner) {
        int[] shape = Storage.shape(encoded);
        if (shape.length < 2) {
            throw new ShapeException(owner + ": expected strings as code points (batch, ..., chars), received "
                    + Shapes.format(shape));
        }
        int chars = shape[shape.length - 1];
        double[] d = Storage.data(encoded);
        String[] out = new String[d.length / chars];
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < out.length; i++) {
            sb.setLength(0);
            for (int j = 0; j < chars; j++) {
                double c = d[i * chars + j];
                if (c == 0) {
                    break;
                }
                if (c != Math.rint(c) || c < 0 || c > Character.MAX_CODE_POINT) {
                    throw new IllegalArgumentException(owner + ": value " + c + " at string " + i + ", character " + j
                            + " is not a Unicode code point (strings enter a model through StringTensors.encode)");
                }
                sb.appendCodePoint((int) c);
            }
            out[i] = sb.toString();
        }
        return out;
    }
}
