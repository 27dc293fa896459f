package ai.lepton.autograd;

/** The backward pass {@link Maximum} and {@link Minimum} share: the gradient goes to one operand or the other. */
final class Extremes {
    private Extremes() {
    }

    /**
     * @param g the output gradient (not modified)
     * @param toA 1 where the gradient goes to the first operand, 0 where to the second (overwritten)
     * @param needA whether the first operand needs its gradient
     * @param needB whether the second does
     * @return the two gradients in the output shape ({@code null} where not needed)
     */
    static double[][] split(double[] g, double[] toA, boolean needA, boolean needB) {
        double[] db = needB ? new double[g.length] : null;
        for (int i = 0; i < g.length; i++) {
            double share = toA[i] * g[i];
            if (needB) {
                db[i] = g[i] - share;
            }
            toA[i] = share;
        }
        return new double[][] {needA ? toA : null, db};
    }
}
