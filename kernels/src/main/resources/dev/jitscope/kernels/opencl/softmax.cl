// softmax / log_softmax along one dimension of a tensor viewed as [outer, n, inner]; one work item
// per (outer, inner) line, subtracting the line's max first so exp cannot overflow.

__kernel void softmax(__global const float* in, __global float* out,
                      const int outer, const int n, const int inner, const int logarithm) {
    int gid = get_global_id(0);
    if (gid >= outer * inner) return;
    int o = gid / inner, j = gid % inner;
    long base = (long) o * n * inner + j;
    float m = -INFINITY;
    for (int k = 0; k < n; k++) m = fmax(m, in[base + (long) k * inner]);
    float s = 0.0f;
    for (int k = 0; k < n; k++) s += exp(in[base + (long) k * inner] - m);
    if (logarithm) {
        float ls = log(s);
        for (int k = 0; k < n; k++) out[base + (long) k * inner] = in[base + (long) k * inner] - m - ls;
    } else {
        float inv = 1.0f / s;
        for (int k = 0; k < n; k++) out[base + (long) k * inner] = exp(in[base + (long) k * inner] - m) * inv;
    }
}

// Rows (inner == 1) long enough to share: one work group per row, the max and the sum reduced in
// local memory (a classifier's [1, 1000] would otherwise be a single work item's loop).
__kernel void softmax_rows(__global const float* in, __global float* out, const int n, const int logarithm,
                           __local float* scratch) {
    int row = get_group_id(0), lid = get_local_id(0), lsize = get_local_size(0);
    __global const float* x = in + (long) row * n;
    __global float* y = out + (long) row * n;
    float m = -INFINITY;
    for (int k = lid; k < n; k += lsize) m = fmax(m, x[k]);
    scratch[lid] = m;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int s = lsize / 2; s > 0; s >>= 1) {
        if (lid < s) scratch[lid] = fmax(scratch[lid], scratch[lid + s]);
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    m = scratch[0];
    barrier(CLK_LOCAL_MEM_FENCE);
    float sum = 0.0f;
    for (int k = lid; k < n; k += lsize) sum += exp(x[k] - m);
    scratch[lid] = sum;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int s = lsize / 2; s > 0; s >>= 1) {
        if (lid < s) scratch[lid] += scratch[lid + s];
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    sum = scratch[0];
    if (logarithm) {
        float ls = log(sum);
        for (int k = lid; k < n; k += lsize) y[k] = x[k] - m - ls;
    } else {
        float inv = 1.0f / sum;
        for (int k = lid; k < n; k += lsize) y[k] = exp(x[k] - m) * inv;
    }
}
