// Batched C[b] = A[b] (M x K) * op(B[b]) (K x N) (+ bias[N]), op(B) = B or B^T (B stored N x K, the
// layout of a linear layer's weight). Tiles of TS x TS of A and B are staged in local memory so each
// global element is read once per tile instead of once per output. Batch strides of 0 broadcast.
// Batch b uses A's matrix b % groupsA (a convolution's weight groups repeat over its samples).
// The launcher defines TS.

__kernel void matmul(__global const float* A, __global const float* B, __global float* C,
                     __global const float* bias, const int M, const int N, const int K,
                     const int strideA, const int strideB, const int transB, const int hasBias,
                        const int groupsA) {
    __local float As[TS][TS];
    __local float Bs[TS][TS + 1];   // NB: +1 avoids bank conflicts on the transposed reads
    int row = get_global_id(1), col = get_global_id(0), batch = get_global_id(2);
    int lr = get_local_id(1), lc = get_local_id(0);
    __global const float* a = A + (long) (batch % groupsA) * strideA;
    __global const float* b = B + (long) batch * strideB;
    float acc = 0.0f;
    for (int t = 0; t < K; t += TS) {
        int ak = t + lc, bk = t + lr;
        As[lr][lc] = (row < M && ak < K) ? a[(long) row * K + ak] : 0.0f;
        float bv = 0.0f;
        if (col < N && bk < K) bv = transB ? b[(long) col * K + bk] : b[(long) bk * N + col];
        Bs[lr][lc] = bv;
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int k = 0; k < TS; k++) acc += As[lr][k] * Bs[k][lc];
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (row < M && col < N) {
        if (hasBias) acc += bias[col];
        C[(long) batch * M * N + (long) row * N + col] = acc;
    }
}
