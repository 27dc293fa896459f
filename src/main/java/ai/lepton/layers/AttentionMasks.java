package ai.lepton.layers;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;

/**
 * Keras's {@code MultiHeadAttention._compute_attention_mask}: the query's mask {@code (B, T)} as
 * {@code (B, T, 1)}, the value's and key's masks {@code (B, S)} as {@code (B, 1, S)}, the causal
 * mask {@code (1, T, S)} and an explicit attention mask, combined by logical and into one
 * {@code (B, T, S)} mask of 0 and 1.
 */
final class AttentionMasks {
    private AttentionMasks() {
    }

    /**
     * @param layer the attention layer, for messages
     * @param query the query batch, whose mask (if any) is read
     * @param value the value batch, whose mask (if any) is read
     * @param key the key batch, or {@code null} when the value is the key (its mask is then not read twice)
     * @param attentionMask {@code (B, T, S)} or {@code (T, S)} of 0 and 1, or {@code null}
     * @param causal whether step t may see only steps up to t
     * @param batch B
     * @param t the number of query steps (all attention axes flattened)
     * @param s the number of key steps
     * @return {@code (B, T, S)} of 0 and 1, or {@code null} when nothing is masked
     * @throws ShapeException naming the layer if the attention mask's shape is neither form
     */
    static Tensor combine(Layer layer, Tensor query, Tensor value, Tensor key, Tensor attentionMask, boolean causal, int batch,
            int t, int s) {
        Tensor queryMask = Storage.mask(query);
        Tensor valueMask = Storage.mask(value);
        Tensor keyMask = key == null ? null : Storage.mask(key);
        if (queryMask == null && valueMask == null && keyMask == null && attentionMask == null && !causal) {
            return null;
        }
        double[] m = new double[batch * t * s];
        Arrays.fill(m, 1.0);
        if (queryMask != null) {
            double[] q = steps(layer, "query", queryMask, batch, t);
            for (int i = 0; i < m.length; i++) {
                m[i] *= q[i / s] != 0 ? 1 : 0;
            }
        }
        for (Tensor keyLike : new Tensor[] {valueMask, keyMask}) {
            if (keyLike != null) {
                double[] k = steps(layer, keyLike == valueMask ? "value" : "key", keyLike, batch, s);
                for (int i = 0; i < m.length; i++) {
                    m[i] *= k[(i / (t * s)) * s + i % s] != 0 ? 1 : 0;
                }
            }
        }
        if (causal) {
            for (int i = 0; i < m.length; i++) {
                if (i % s > (i / s) % t) {
                    m[i] = 0;
                }
            }
        }
        if (attentionMask != null) {
            int[] shape = Storage.shape(attentionMask);
            boolean shared = Shapes.equal(shape, new int[] {t, s});
            if (!shared && !Shapes.equal(shape, new int[] {batch, t, s})) {
                throw new ShapeException(layer.describe() + ": attentionMask must have shape " + Shapes.format(new int[] {batch, t, s})
                        + " or " + Shapes.format(new int[] {t, s}) + " (batch, query steps, key steps), received " + Shapes.format(shape));
            }
            double[] a = Storage.data(attentionMask);
            for (int i = 0; i < m.length; i++) {
                m[i] *= a[shared ? i % (t * s) : i] != 0 ? 1 : 0;
            }
        }
        return Storage.wrap(m, batch, t, s);
    }

    /** A sequence mask over all attention axes, flattened to {@code (B, steps)}. */
    private static double[] steps(Layer layer, String input, Tensor mask, int batch, int steps) {
        if (mask.size() != batch * steps) {
            throw new ShapeException(layer.describe() + ": the " + input + "'s mask has shape " + Shapes.format(Storage.shape(mask))
                    + ", expected one value per step, " + Shapes.format(new int[] {batch, steps}));
        }
        return Storage.data(mask);
    }
}
