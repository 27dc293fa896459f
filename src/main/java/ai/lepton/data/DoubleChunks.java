package ai.lepton.data;

import java.util.ArrayList;
import java.util.List;

/**
 * A growing list of doubles kept in fixed-size chunks, so that growing never copies and the
 * final exact-size array costs at most one chunk more than itself: each chunk is released as
 * soon as it has been copied into the result.
 */
final class DoubleChunks {
    private static final int CHUNK = 1 << 20;

    private final List<double[]> chunks = new ArrayList<>();
    private double[] current = new double[CHUNK];
    private int pos;
    private long size;

    /** Appends {@code values[0 .. n-1]}. */
    void add(double[] values, int n) {
        int done = 0;
        while (done < n) {
            if (pos == CHUNK) {
                chunks.add(current);
                current = new double[CHUNK];
                pos = 0;
            }
            int k = Math.min(n - done, CHUNK - pos);
            System.arraycopy(values, done, current, pos, k);
            pos += k;
            done += k;
        }
        size += n;
    }

    /** Appends one value. */
    void add(double value) {
        if (pos == CHUNK) {
            chunks.add(current);
            current = new double[CHUNK];
            pos = 0;
        }
        current[pos++] = value;
        size++;
    }

    long size() {
        return size;
    }

    /**
     * Moves the values into one exact-size array; the chunks must not be used afterwards.
     *
     * @throws IllegalStateException if there are more values than a Java array can hold
     */
    double[] toArray() {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(size + " values are more than one Java array can hold");
        }
        double[] out = new double[(int) size];
        int at = 0;
        for (int i = 0; i < chunks.size(); i++) {
            System.arraycopy(chunks.get(i), 0, out, at, CHUNK);
            chunks.set(i, null);
            at += CHUNK;
        }
        System.arraycopy(current, 0, out, at, pos);
        chunks.clear();
        current = new double[0];
        pos = 0;
        size = 0;
        return out;
    }
}
