package ai.lepton.kernels;

/**
 * The loops of {@link Pooling}'s max pool, over a pixel's channels: the common 2×2 window, and any
 * window given as the list of its cells inside the input ({@code cells[t]}, the position of cell
 * t's first channel, in scanning order). Two implementations give
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

    /**
     * One output pixel of any window, over channels {@code from} to {@code to} (exclusive):
     * {@code y[o + ch]} = the largest of its n cells' channel ch, folded with {@code Math.max} in
     * order from the first cell.
     */
    void maxOfCells(double[] x, int[] cells, int n, double[] y, int o, int from, int to);

    /**
     * Its backward step, for windows that may overlap: each channel's gradient {@code dy[d + ch]}
     * is added to {@code dx[cells[t] + shift + ch]} of the first cell equal to {@code y[o + ch]}
     * or NaN.
     *
     * @throws IllegalArgumentException if no cell of a channel is: x and y are not a forward pass's
     */
    void maxOfCellsBackward(double[] x, int[] cells, int n, double[] y, int o, double[] dy, int d, double[] dx,
                            int shift, int from, int to);

    /** The error of {@link #maxOfCellsBackward} when an output is not in its window. */
    static IllegalArgumentException notInWindow(double max) {
        return new IllegalArgumentException("max pooling backward: output " + max + " is not in its window; "
                + "x and y must be the forward pass's input and output");
    }
}
