// Unary elementwise float ops and activations. The launcher appends one UNARY(name, expression)
// line per op, so that every op lives in a single program compiled once; an expression reads x and
// may use the parameters p1 and p2 (clamp bounds, leaky slope, elu alpha, softplus beta/threshold).

#define UNARY(NAME, EXPR) \
__kernel void NAME(__global const float* in, __global float* out, const int n, const float p1, const float p2) { \
    int i = get_global_id(0); \
    if (i < n) { float x = in[i]; out[i] = (EXPR); } \
}
