package ai.lepton.autograd;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;
import java.util.List;

/**
 * Joins tensors along one axis, {@code y = [x_1, x_2, ...]}; every other dimension must agree.
 * Backward cuts the output gradient back into the inputs' parts.
 *
 * <pre>{@code
 * Tensor y = Concat.apply(List.of(a, b), -1);   // (2, 3) and (2, 5) -> (2, 8)
 * }</pre>
 */
public final class Concat extends Op {
    private final int[] widths;
    private final int outer;
    private final int inner;
    private final int total;

    private Concat(int[] widths, int outer, int inner, int total) {
        this.widths = widths;
        this.outer = outer;
        this.inner = inner;
        this.total = total;
    }

    /**
     * @param parts the tensors, of equal rank and equal dimensions except along {@code axis}
     * @param axis the axis to join along; negative counts from the end
     * @return the joined tensor
     * @throws ShapeException naming every shape if they do not fit together
     */
    public static Tensor apply(List<Tensor> parts, int axis) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("concatenate: needs at least one tensor");
        }
        int[] first = shape(parts.get(0));
        int a = Shapes.axis("concatenate", first, axis);
        int[] widths = new int[parts.size()];
        int total = 0;
        for (int p = 0; p < parts.size(); p++) {
            int[] s = shape(parts.get(p));
            boolean fits = s.length == first.length;
            for (int d = 0; fits && d < s.length; d++) {
                fits = d == a || s[d] == first[d];
            }
            if (!fits) {
                throw new ShapeException("concatenate along axis " + axis + ": shapes "
                        + parts.stream().map(t -> Shapes.format(shape(t))).toList() + " differ outside that axis");
            }
            widths[p] = s[a] * Shapes.product(s, a + 1, s.length);
            total += s[a];
        }
        int outer = Shapes.product(first, 0, a);
        int inner = Shapes.product(first, a + 1, first.length);
        int row = total * inner;
        double[] y = new double[outer * row];
        int offset = 0;
        for (int p = 0; p < parts.size(); p++) {
            double[] x = data(parts.get(p));
            for (int o = 0; o < outer; o++) {
                System.arraycopy(x, o * widths[p], y, o * row + offset, widths[p]);
            }
            offset += widths[p];
        }
        int[] out = first.clone();
        out[a] = total;
        return new Concat(widths, outer, inner, total).output(y, out, parts.toArray(Tensor[]::new));
    }

    @Override
    protected double[][] backward(double[] g) {
        double[][] grads = new double[widths.length][];
        int row = total * inner;
        int offset = 0;
        for (int p = 0; p < widths.length; p++) {
            if (needsGrad(p)) {
                double[] dx = new double[outer * widths[p]];
                for (int o = 0; o < outer; o++) {
                    System.arraycopy(g, o * row + offset, dx, o * widths[p], widths[p]);
                }
                grads[p] = dx;
            }
            offset += widths[p];
        }
        return grads;
    }
}
