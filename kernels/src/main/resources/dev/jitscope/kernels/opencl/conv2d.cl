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
