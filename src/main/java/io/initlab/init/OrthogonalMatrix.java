package io.initlab.init;

/**
 * Orthogonal and identity matrices for initialization (host-side: a QR decomposition is not an
 * element-wise kernel). As PyTorch's orthogonal_: the rows×cols matrix of N(0,1) draws is taken as
 * its transpose when rows < cols, its columns orthonormalised (modified Gram–Schmidt in double, which
 * gives R a positive diagonal, i.e. Q with PyTorch's sign convention), and the result scaled by gain.
 */
public final class OrthogonalMatrix {
    private OrthogonalMatrix() {}

    /** Replaces the N(0,1) draws in w (rows × cols, row-major) by gain·Q. */
    public static void orthonormalize(float[] w, int rows, int cols, double gain) {
        boolean transpose = rows < cols;
        int r = transpose ? cols : rows;
        int c = transpose ? rows : cols;
        double[][] colsOf = new double[c][r];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (transpose) {
                    colsOf[i][j] = w[i * cols + j];
                } else {
                    colsOf[j][i] = w[i * cols + j];
                }
            }
        }
        for (int j = 0; j < c; j++) {
            double[] v = colsOf[j];
            for (int q = 0; q < j; q++) {
                double[] u = colsOf[q];
                double d = 0;
                for (int i = 0; i < r; i++) {
                    d += u[i] * v[i];
                }
                for (int i = 0; i < r; i++) {
                    v[i] -= d * u[i];
                }
            }
            double norm = 0;
            for (int i = 0; i < r; i++) {
                norm += v[i] * v[i];
            }
            norm = Math.sqrt(norm);
            if (norm == 0) {
                throw new IllegalStateException("orthogonal init: degenerate draw");
            }
            for (int i = 0; i < r; i++) {
                v[i] /= norm;
            }
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double q = transpose ? colsOf[i][j] : colsOf[j][i];
                w[i * cols + j] = (float) (gain * q);
            }
        }
    }

    /** w = gain·I (ones on the main diagonal of a rectangular matrix). */
    public static void identity(float[] w, int rows, int cols, double gain) {
        java.util.Arrays.fill(w, 0f);
        for (int i = 0; i < Math.min(rows, cols); i++) {
            w[i * cols + i] = (float) gain;
        }
    }
}
