// Inference normalizations.
// batch_norm: x viewed as [N, C, inner], per-channel running statistics; one work item per element.
// layer_norm: x viewed as [rows, n] normalized over each row; one work item per row, two passes
// (mean, then variance of the centred values, which is what PyTorch computes, not E[x^2] - E[x]^2).

__kernel void batch_norm(__global const float* x, __global float* out,
                         __global const float* mean, __global const float* var,
                         __global const float* weight, __global const float* bias,
                         const int total, const int C, const int inner, const float eps,
                         const int hasWeight, const int hasBias) {
    int i = get_global_id(0);
    if (i >= total) return;
    int c = (i / inner) % C;
    float y = (x[i] - mean[c]) * rsqrt(var[c] + eps);
    if (hasWeight) y *= weight[c];
    if (hasBias) y += bias[c];
    out[i] = y;
}

__kernel void layer_norm(__global const float* x, __global float* out,
                         __global const float* weight, __global const float* bias,
                         const int rows, const int n, const float eps, const int hasWeight, const int hasBias) {
    int r = get_global_id(0);
    if (r >= rows) return;
    __global const float* xr = x + (long) r * n;
    __global float* yr = out + (long) r * n;
    float s = 0.0f;
    for (int k = 0; k < n; k++) s += xr[k];
    float mean = s / n, v = 0.0f;
    for (int k = 0; k < n; k++) { float d = xr[k] - mean; v += d * d; }
    float inv = rsqrt(v / n + eps);
    for (int k = 0; k < n; k++) {
        float y = (xr[k] - mean) * inv;
        if (hasWeight) y *= weight[k];
        if (hasBias) y += bias[k];
        yr[k] = y;
    }
}

// layer_norm with one work group per row (long rows, few of them: a transformer's [seq, d_model]).
__kernel void layer_norm_rows(__global const float* x, __global float* out,
                              __global const float* weight, __global const float* bias,
                              const int n, const float eps, const int hasWeight, const int hasBias,
                              __local float* scratch) {
    int r = get_group_id(0), lid = get_local_id(0), lsize = get_local_size(0);
    __global const float* xr = x + (long) r * n;
    __global float* yr = out + (long) r * n;
    float s = 0.0f;
    for (int k = lid; k < n; k += lsize) s += xr[k];
    scratch[lid] = s;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int h = lsize / 2; h > 0; h >>= 1) {
        if (lid < h) scratch[lid] += scratch[lid + h];
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    float mean = scratch[0] / n;
    barrier(CLK_LOCAL_MEM_FENCE);
    float v = 0.0f;
    for (int k = lid; k < n; k += lsize) { float d = xr[k] - mean; v += d * d; }
    scratch[lid] = v;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int h = lsize / 2; h > 0; h >>= 1) {
        if (lid < h) scratch[lid] += scratch[lid + h];
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    float inv = rsqrt(scratch[0] / n + eps);
    for (int k = lid; k < n; k += lsize) {
        float y = (xr[k] - mean) * inv;
        if (hasWeight) y *= weight[k];
        if (hasBias) y += bias[k];
        yr[k] = y;
    }
}
