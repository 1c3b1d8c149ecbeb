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
