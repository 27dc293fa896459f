package ai.lepton.kernels;

/**
 * The loops of {@link Pooling}'s 2×2 max pool, over a pixel's channels. Two implementations give
 * the same bits (see the package comment): {@link ScalarMaxPoolLoops} and
 * {@link VectorMaxPoolLoops}.
 */
interface MaxPoolLoops {

    /** The implementation in use: on the Vector API when {@link Gemm} is. */
    MaxPoolLoops SELECTED = Gemm.usesVectorApi() ? new VectorMaxPoolLoops() : ScalarMaxPoolLoops.INSTANCE;

    /**
     * One output pixel of a 2×2 max pool: {@code y[o + ch]} = the largest of the four cells'
     * channel ch ({@code x[cell + ch]}, cells in scanning order), folded with {@code Math.max}.
     */
    void maxOfFour(double[] x, int first, int second, int third, int fourth, int c, double[] y, int o);

    /**
     * Its backward step: each channel's gradient {@code dy[d + ch]} goes to the first of the four
     * cells equal to {@code y[o + ch]} or NaN (the fourth if none of the first three is), and 0
     * to the other three: {@code dx[cell + shift + ch]} is overwritten for all four.
     */
    void maxOfFourBackward(double[] x, int first, int second, int third, int fourth, int c, double[] y, int o,
                           double[] dy, int d, double[] dx, int shift);
}
