// Register-blocked batched matmul for CPU-like devices, where local memory and barriers cost more
// than they save and the caches do the tiling: each work item keeps a block of C in registers.
// Same arguments as matmul.cl. Ragged edges read clamped rows/columns and skip their writes.
//   matmul_nn: C = A (M x K) * B (K x N); a work item owns 4 rows x 8 columns, B read as float8.
//   matmul_nt: C = A (M x K) * B^T, B stored N x K; a work item owns 4 rows x 4 columns and walks K
//              in float8 steps along both operands' contiguous rows.

__kernel void matmul_nn(__global const float* A, __global const float* B, __global float* C,
                        __global const float* bias, const int M, const int N, const int K,
                        const int strideA, const int strideB, const int transB, const int hasBias,
                        const int groupsA) {
    int c0 = get_global_id(0) * 8, r0 = get_global_id(1) * 4, batch = get_global_id(2);
    if (c0 >= N || r0 >= M) return;
    __global const float* a = A + (long) (batch % groupsA) * strideA;
    __global const float* b = B + (long) batch * strideB;
    __global float* c = C + (long) batch * M * N;
    int ra = r0, rb = min(r0 + 1, M - 1), rc = min(r0 + 2, M - 1), rd = min(r0 + 3, M - 1);
    float8 acc0 = 0.0f, acc1 = 0.0f, acc2 = 0.0f, acc3 = 0.0f;
    bool fullCols = c0 + 8 <= N;
    for (int k = 0; k < K; k++) {
        float8 bv;
        __global const float* brow = b + (long) k * N + c0;
        if (fullCols) bv = vload8(0, brow);
        else {
            float t[8];
            for (int j = 0; j < 8; j++) t[j] = c0 + j < N ? brow[j] : 0.0f;
            bv = vload8(0, t);
        }
        acc0 += a[(long) ra * K + k] * bv;
        acc1 += a[(long) rb * K + k] * bv;
        acc2 += a[(long) rc * K + k] * bv;
        acc3 += a[(long) rd * K + k] * bv;
    }
    float8 bb = 0.0f;
    if (hasBias) for (int j = 0; j < 8; j++) if (c0 + j < N) ((float*) &bb)[j] = bias[c0 + j];
    float8 rows[4] = {acc0 + bb, acc1 + bb, acc2 + bb, acc3 + bb};
    for (int i = 0; i < 4 && r0 + i < M; i++) {
        __global float* crow = c + (long) (r0 + i) * N + c0;
        if (fullCols) vstore8(rows[i], 0, crow);
        else for (int j = 0; j < 8 && c0 + j < N; j++) crow[j] = ((float*) &rows[i])[j];
    }
}

__kernel void matmul_nt(__global const float* A, __global const float* B, __global float* C,
                        __global const float* bias, const int M, const int N, const int K,
                        const int strideA, const int strideB, const int transB, const int hasBias,
                        const int groupsA) {
    int c0 = get_global_id(0) * 4, r0 = get_global_id(1) * 4, batch = get_global_id(2);
    if (c0 >= N || r0 >= M) return;
    __global const float* a = A + (long) (batch % groupsA) * strideA;
    __global const float* b = B + (long) batch * strideB;
    __global float* c = C + (long) batch * M * N;
    __global const float* ar[4];
    __global const float* br[4];
    for (int i = 0; i < 4; i++) ar[i] = a + (long) min(r0 + i, M - 1) * K;
    for (int j = 0; j < 4; j++) br[j] = b + (long) min(c0 + j, N - 1) * K;
    float8 acc[4][4];
    for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) acc[i][j] = 0.0f;
    int k = 0;
    for (; k + 8 <= K; k += 8) {
        float8 av[4], bv[4];
        for (int i = 0; i < 4; i++) av[i] = vload8(0, ar[i] + k);
        for (int j = 0; j < 4; j++) bv[j] = vload8(0, br[j] + k);
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) acc[i][j] += av[i] * bv[j];
    }
    for (int i = 0; i < 4 && r0 + i < M; i++) {
        for (int j = 0; j < 4 && c0 + j < N; j++) {
            float8 v = acc[i][j];
            float s = (v.s0 + v.s1) + (v.s2 + v.s3) + (v.s4 + v.s5) + (v.s6 + v.s7);
            for (int kk = k; kk < K; kk++) s += ar[i][kk] * br[j][kk];
            if (hasBias) s += bias[c0 + j];
            c[(long) (r0 + i) * N + c0 + j] = s;
        }
    }
}
