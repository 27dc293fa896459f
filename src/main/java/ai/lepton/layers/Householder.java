package ai.lepton.layers;

/**
 * The QR decomposition by Householder reflections, as LAPACK's {@code geqrf}/{@code orgqr}
 * compute it, for the {@code orthogonal} initializer: {@code A = QR} with Q's columns orthonormal
 * and R upper triangular, made unique by giving R a non-negative diagonal.
 */
final class Householder {
    private Householder() {
    }

    /**
     * The Q of {@code A = QR} with every column multiplied by the sign of R's diagonal entry, so
     * that R's diagonal is non-negative (Keras's {@code q *= sign(diag(r))}).
     *
     * @param a the matrix, {@code m × n} row-major with {@code m >= n} (overwritten)
     * @param m its rows
     * @param n its columns, at most {@code m}
     * @return Q, {@code m × n} row-major
     */
    static double[] orthonormalFactor(double[] a, int m, int n) {
        double[][] reflectors = new double[n][];
        double[] signs = new double[n];
        for (int k = 0; k < n; k++) {
            double norm = 0;
            for (int i = k; i < m; i++) {
                norm = Math.hypot(norm, a[i * n + k]);
            }
            double head = a[k * n + k];
            // R[k][k] = alpha; reflecting onto -sign(head)·|v| avoids cancellation in v[0].
            double alpha = head >= 0 ? -norm : norm;
            double[] v = new double[m - k];
            for (int i = k; i < m; i++) {
                v[i - k] = a[i * n + k];
            }
            v[0] -= alpha;
            double vNorm = 0;
            for (double e : v) {
                vNorm = Math.hypot(vNorm, e);
            }
            if (vNorm > 0) {
                for (int i = 0; i < v.length; i++) {
                    v[i] /= vNorm;
                }
                reflect(v, a, k, m, n, k);
            }
            reflectors[k] = v;
            signs[k] = Math.signum(alpha);
        }
        double[] q = new double[m * n];
        for (int j = 0; j < n; j++) {
            q[j * n + j] = 1.0;
        }
        for (int k = n - 1; k >= 0; k--) {
            reflect(reflectors[k], q, k, m, n, 0);
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                q[i * n + j] *= signs[j];
            }
        }
        return q;
    }

    /** Applies {@code I - 2vvᵀ} to rows {@code k..m-1}, columns {@code from..n-1} of x. */
    private static void reflect(double[] v, double[] x, int k, int m, int n, int from) {
        for (int j = from; j < n; j++) {
            double dot = 0;
            for (int i = k; i < m; i++) {
                dot += v[i - k] * x[i * n + j];
            }
            dot *= 2;
            for (int i = k; i < m; i++) {
                x[i * n + j] -= dot * v[i - k];
            }
        }
    }
}
