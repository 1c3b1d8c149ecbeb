// Binary elementwise float ops. The including launcher defines OP(a, b) (may use `alpha`) and
// MAX_DIMS. Three entry points: equal shapes, tensor-scalar, and general broadcasting where the
// output index is decomposed over `shape` and mapped through per-operand strides (0 = broadcast).

__kernel void binary_same(__global const float* a, __global const float* b, __global float* out,
                          const int n, const float alpha) {
    int i = get_global_id(0);
    if (i < n) { float x = a[i], y = b[i]; out[i] = OP(x, y); }
}

__kernel void binary_scalar(__global const float* a, const float y, __global float* out,
                            const int n, const float alpha) {
    int i = get_global_id(0);
    if (i < n) { float x = a[i]; out[i] = OP(x, y); }
}

__kernel void binary_broadcast(__global const float* a, __global const float* b, __global float* out,
                               const int n, const float alpha, const int ndim,
                               __constant int* shape, __constant int* astr, __constant int* bstr) {
    int i = get_global_id(0);
    if (i >= n) return;
    int rest = i, ia = 0, ib = 0;
    for (int d = ndim - 1; d >= 0; d--) {
        int c = rest % shape[d];
        rest /= shape[d];
        ia += c * astr[d];
        ib += c * bstr[d];
    }
    float x = a[ia], y = b[ib];
    out[i] = OP(x, y);
}
