// Direct 2-D convolution, one work item per output element, any stride/padding/dilation/groups
// (depthwise is groups == channels). p = {N, C, H, W, OC, OH, OW, KH, KW, sh, sw, ph, pw, dh, dw,
// groups, hasBias}; weight is [OC, C/groups, KH, KW].

__kernel void conv2d(__global const float* x, __global const float* w, __global const float* bias,
                     __global float* out, __constant int* p) {
    int N = p[0], C = p[1], H = p[2], W = p[3], OC = p[4], OH = p[5], OW = p[6], KH = p[7], KW = p[8];
    int sh = p[9], sw = p[10], ph = p[11], pw = p[12], dh = p[13], dw = p[14], groups = p[15];
    int gid = get_global_id(0);
    if (gid >= N * OC * OH * OW) return;
    int ow = gid % OW, t = gid / OW;
    int oh = t % OH; t /= OH;
    int oc = t % OC, n = t / OC;
    int cpg = C / groups, g = oc / (OC / groups);
    float acc = p[16] ? bias[oc] : 0.0f;
    for (int ci = 0; ci < cpg; ci++) {
        __global const float* xc = x + ((long) n * C + g * cpg + ci) * H * W;
        __global const float* wc = w + ((long) oc * cpg + ci) * KH * KW;
        for (int kh = 0; kh < KH; kh++) {
            int ih = oh * sh - ph + kh * dh;
            if (ih < 0 || ih >= H) continue;
            for (int kw = 0; kw < KW; kw++) {
                int iw = ow * sw - pw + kw * dw;
                if (iw >= 0 && iw < W) acc += xc[ih * W + iw] * wc[kh * KW + kw];
            }
        }
    }
    out[gid] = acc;
}

// im2col for the GEMM path: col[n][c][kh][kw][oh*OW + ow] = padded x[n][c][oh*sh - ph + kh*dh][ow*sw - pw + kw*dw],
// so that for sample n and group g the rows (c in g, kh, kw) form the K x (OH*OW) right operand.
__kernel void im2col(__global const float* x, __global float* col, __constant int* p) {
    // 3-D range (OH*OW, C*KH*KW, N): no 64-bit division per element, and writes contiguous along dim 0
    int C = p[1], H = p[2], W = p[3], OH = p[5], OW = p[6], KH = p[7], KW = p[8];
    int s = get_global_id(0), row = get_global_id(1), n = get_global_id(2);
    if (s >= OH * OW || row >= C * KH * KW) return;
    int oh = s / OW, ow = s % OW;
    int kw = row % KW, kh = (row / KW) % KH, c = row / (KW * KH);
    int ih = oh * p[9] - p[11] + kh * p[13], iw = ow * p[10] - p[12] + kw * p[14];
    col[((long) n * C * KH * KW + row) * OH * OW + s] =
            (ih >= 0 && ih < H && iw >= 0 && iw < W) ? x[(((long) n * C + c) * H + ih) * W + iw] : 0.0f;
}

// out[n][oc][...] += bias[oc] after the GEMM (whose bias is per column, not per output channel).
__kernel void add_channel_bias(__global float* out, __global const float* bias, const int total, const int OC, const int inner) {
    int i = get_global_id(0);
    if (i < total) out[i] += bias[(i / inner) % OC];
}
