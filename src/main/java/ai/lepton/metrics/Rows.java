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
}
