package ai.lepton.autograd;

import ai.lepton.kernels.Gemm;
import ai.lepton.tensor.Broadcast;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;

/**
 * Matrix product {@code (m, k) x (k, n) -> (m, n)}, batched over leading dimensions that
 * broadcast: {@code (..., m, k) x (..., k, n) -> (..., m, n)}. Backward, per batch:
 * {@code dA = g · Bᵀ} and {@code dB = Aᵀ · g}, summed by the engine over broadcast batch axes.
 *
 * <pre>{@code
 * Tensor y = MatMul.apply(x, w);   // same as x.matmul(w)
 * }</pre>
 */
public final class MatMul extends Op {
    private final Tensor a;
    private final Tensor b;
    private final Plan plan;

    private MatMul(Tensor a, Tensor b, Plan plan) {
        this.a = a;
        this.b = b;
        this.plan = plan;
    }

    /**
     * @param a the left operand, rank 2 or more
     * @param b the right operand, rank 2 or more
     * @return the product
     * @throws ShapeException if a rank is below 2, the inner dimensions differ, or the batch dimensions do not broadcast
     */
    public static Tensor apply(Tensor a, Tensor b) {
        Plan p = new Plan(shape(a), shape(b));
        double[] out = new double[p.batch * p.m * p.n];
        for (int t = 0; t < p.batch; t++) {
            Gemm.gemm(false, false, p.m, p.n, p.k, data(a), p.aBatch[t] * p.m * p.k, p.k,
                    data(b), p.bBatch[t] * p.k * p.n, p.n, out, t * p.m * p.n, p.n, false);
        }
        return new MatMul(a, b, p).output(out, p.outShape, a, b);
    }

    @Override
    protected double[][] backward(double[] g) {
        Plan p = plan;
        double[] da = null;
        double[] db = null;
        if (needsGrad(0)) {
            da = new double[p.batch * p.m * p.k];
            for (int t = 0; t < p.batch; t++) {
                Gemm.gemm(false, true, p.m, p.k, p.n, g, t * p.m * p.n, p.n,
                        data(b), p.bBatch[t] * p.k * p.n, p.n, da, t * p.m * p.k, p.k, false);
            }
            da = Broadcast.sumTo(da, p.withBatch(p.m, p.k), shape(a));
        }
        if (needsGrad(1)) {
            db = new double[p.batch * p.k * p.n];
            for (int t = 0; t < p.batch; t++) {
                Gemm.gemm(true, false, p.k, p.n, p.m, data(a), p.aBatch[t] * p.m * p.k, p.k,
                        g, t * p.m * p.n, p.n, db, t * p.k * p.n, p.n, false);
            }
            db = Broadcast.sumTo(db, p.withBatch(p.k, p.n), shape(b));
        }
        return new double[][] {da, db};
    }

    /** The shapes of one product: matrix sizes, the broadcast batch, and each operand's matrix per batch entry. */
    private static final class Plan {
        final int m;
        final int k;
        final int n;
        final int[] batchShape;
        final int batch;
        final int[] aBatch;
        final int[] bBatch;
        final int[] outShape;

        Plan(int[] as, int[] bs) {
            if (as.length < 2 || bs.length < 2) {
                throw ShapeException.of("matmul", as, bs, "both operands need at least 2 dimensions");
            }
            m = as[as.length - 2];
            k = as[as.length - 1];
            n = bs[bs.length - 1];
            if (bs[bs.length - 2] != k) {
                throw ShapeException.of("matmul", as, bs, "inner dimensions " + k + " and " + bs[bs.length - 2] + " differ");
            }
            int[] aLead = Arrays.copyOf(as, as.length - 2);
            int[] bLead = Arrays.copyOf(bs, bs.length - 2);
            batchShape = broadcastBatch(as, bs, aLead, bLead);
            batch = Shapes.size(batchShape);
            aBatch = batchIndex(aLead, batchShape);
            bBatch = batchIndex(bLead, batchShape);
            outShape = withBatch(m, n);
        }

        int[] withBatch(int rows, int cols) {
            int[] s = Arrays.copyOf(batchShape, batchShape.length + 2);
            s[batchShape.length] = rows;
            s[batchShape.length + 1] = cols;
            return s;
        }

        /** The broadcast batch shape; an error names both operands' full shapes, not just their batch parts. */
        private static int[] broadcastBatch(int[] as, int[] bs, int[] aLead, int[] bLead) {
            try {
                return Broadcast.shape("matmul", aLead, bLead);
            } catch (ShapeException e) {
                throw ShapeException.of("matmul", as, bs, "batch dimensions " + Shapes.format(aLead) + " and "
                        + Shapes.format(bLead) + " do not broadcast");
            }
        }

        /** For each entry of the broadcast batch, the index of the operand's own matrix. */
        private static int[] batchIndex(int[] own, int[] broadcast) {
            double[] iota = new double[Shapes.size(own)];
            for (int i = 0; i < iota.length; i++) {
                iota[i] = i;
            }
            double[] spread = Broadcast.apply(iota, own, new double[] {0}, new int[0], broadcast, (x, z) -> x);
            int[] index = new int[spread.length];
            for (int i = 0; i < index.length; i++) {
                index[i] = (int) spread[i];
            }
            return index;
        }
    }
}
