package dev.jitscope.kernels.cpu;

import dev.ludovic.netlib.blas.BLAS;

/**
 * The float GEMM/GEMV entry points of the system BLAS (OpenBLAS through dev.ludovic.netlib, or its Java
 * fallback), in row-major terms, and whether BLAS threads its calls itself. When it does not
 * ({@code OPENBLAS_NUM_THREADS=1}, as the launcher and the test runs set it, or the Java fallback), callers
 * split big products over {@link Parallel}'s pool: one pool of threads for the whole interpreter, instead of
 * OpenBLAS's spinning workers competing with ours for the same cores between calls.
 */
final class Blas {
    private Blas() { }

    static final BLAS BLAS_ = BLAS.getInstance();

    private static final boolean SINGLE_THREADED = !BLAS_.getClass().getSimpleName().startsWith("JNI") || oneThreadRequested();

    /** OpenBLAS's own order of precedence for its thread count. */
    private static boolean oneThreadRequested() {
        for (String v : new String[] {"OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"}) {
            String s = System.getenv(v);
            if (s != null && !s.isBlank()) return s.trim().equals("1");
        }
        return false;
    }

    /** True when each BLAS call runs on the calling thread only. */
    static boolean singleThreaded() { return SINGLE_THREADED; }

    /** C[m×n] = A[m×k]·B[k×n] + beta·C, all row-major and untransposed, through column-major BLAS as Cᵀ = Bᵀ·Aᵀ. */
    static void sgemmRowMajor(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                              float beta, float[] c, int cOff, int ldc) {
        BLAS_.sgemm("N", "N", n, m, k, 1f, b, bOff, ldb, a, aOff, lda, beta, c, cOff, ldc);
    }
}
