package ai.lepton.metrics;

/** Row helpers over row-major {@code (rows, columns)} arrays, shared by the metrics. */
final class Rows {
    private Rows() {
    }

    /**
     * @param values a row-major array (not modified)
     * @param row the row
     * @param columns the row length
     * @return the column of the row's largest value (the first on ties)
     */
    static int argmax(double[] values, int row, int columns) {
        int base = row * columns;
        int best = 0;
        for (int c = 1; c < columns; c++) {
            if (values[base + c] > values[base + best]) {
                best = c;
            }
        }
        return best;
    }

    /**
     * Whether a class is among the {@code k} largest of a row, Keras's {@code in_top_k}: its rank
     * is 1 plus the number of strictly larger values, so classes tied at the boundary are all in;
     * a NaN score is never in (unless the row has fewer than {@code k} other classes).
     *
     * @param values a row-major array (not modified)
     * @param row the row
     * @param columns the row length
     * @param target the class, in {@code [0, columns)}
     * @param k how many of the largest count
     * @return whether {@code target} is in the top {@code k}
     */
    static boolean inTopK(double[] values, int row, int columns, int target, int k) {
        int base = row * columns;
        double score = Double.isNaN(values[base + target]) ? Double.NEGATIVE_INFINITY : values[base + target];
        int larger = 0;
        for (int c = 0; c < columns; c++) {
            if (values[base + c] > score) {
                larger++;
            }
        }
        return 1 + larger <= k;
    }
}
