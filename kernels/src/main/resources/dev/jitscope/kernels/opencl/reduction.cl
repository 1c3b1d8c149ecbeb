// Sum along one dimension of a tensor viewed as [outer, n, inner], scaled by `scale` (1 for sum,
// 1/n for mean). reduce_strided: one work item per (outer, inner) output walking the reduced
// dimension. reduce_rows (inner == 1): one work group per row, a tree reduction in local memory, so
// that long rows are spread over the group instead of one work item.

__kernel void reduce_strided(__global const float* in, __global float* out,
                             const int outer, const int n, const int inner, const float scale) {
    int gid = get_global_id(0);
    if (gid >= outer * inner) return;
    int o = gid / inner, j = gid % inner;
    __global const float* p = in + (long) o * n * inner + j;
    float acc = 0.0f;
    for (int k = 0; k < n; k++) acc += p[(long) k * inner];
    out[gid] = acc * scale;
}

__kernel void reduce_rows(__global const float* in, __global float* out, const int n, const float scale,
                          __local float* scratch) {
    int row = get_group_id(0), lid = get_local_id(0), lsize = get_local_size(0);
    __global const float* p = in + (long) row * n;
    float acc = 0.0f;
    for (int k = lid; k < n; k += lsize) acc += p[k];
    scratch[lid] = acc;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int s = lsize / 2; s > 0; s >>= 1) {
        if (lid < s) scratch[lid] += scratch[lid + s];
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (lid == 0) out[row] = scratch[0] * scale;
}
