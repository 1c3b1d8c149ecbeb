// Unary elementwise float ops and activations. The launcher defines OP(x) which may use the
// parameters p1 and p2 (clamp bounds, leaky slope, elu alpha, softplus beta/threshold).

__kernel void unary(__global const float* in, __global float* out, const int n, const float p1, const float p2) {
    int i = get_global_id(0);
    if (i < n) { float x = in[i]; out[i] = OP(x); }
}
