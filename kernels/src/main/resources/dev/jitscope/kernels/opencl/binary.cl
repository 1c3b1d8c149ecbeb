// Binary elementwise float ops. The launcher appends one BINARY(name, expression) line per op (the
// expression reads a and b and may use alpha), which instantiates three kernels per op: equal
// shapes, tensor-scalar, and general broadcasting, where the output index is decomposed over
// `shape` and mapped through per-operand strides (0 along broadcast dimensions).

#define BINARY(NAME, EXPR) \
__kernel void NAME##_same(__global const float* A, __global const float* B, __global float* out, \
                          const int n, const float alpha) { \
    int i = get_global_id(0); \
    if (i < n) { float a = A[i], b = B[i]; out[i] = (EXPR); } \
} \
__kernel void NAME##_scalar(__global const float* A, const float b, __global float* out, \
                            const int n, const float alpha) { \
    int i = get_global_id(0); \
    if (i < n) { float a = A[i]; out[i] = (EXPR); } \
} \
__kernel void NAME##_broadcast(__global const float* A, __global const float* B, __global float* out, \
                               const int n, const float alpha, const int ndim, \
                               __constant int* shape, __constant int* astr, __constant int* bstr) { \
    int i = get_global_id(0); \
    if (i >= n) return; \
    int rest = i, ia = 0, ib = 0; \
    for (int d = ndim - 1; d >= 0; d--) { \
        int c = rest % shape[d]; \
        rest /= shape[d]; \
        ia += c * astr[d]; \
        ib += c * bstr[d]; \
    } \
    float a = A[ia], b = B[ib]; \
    out[i] = (EXPR); \
}
