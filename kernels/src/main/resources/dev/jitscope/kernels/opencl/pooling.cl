// 2-D pooling over [N*C, H, W] planes, one work item per output element.
// p = {NC, H, W, OH, OW, KH, KW, sh, sw, ph, pw, dh, dw, countIncludePad, divisorOverride (0 = none)}

__kernel void max_pool2d(__global const float* x, __global float* out, __constant int* p) {
    int NC = p[0], H = p[1], W = p[2], OH = p[3], OW = p[4];
    int gid = get_global_id(0);
    if (gid >= NC * OH * OW) return;
    int ow = gid % OW, oh = (gid / OW) % OH, plane = gid / (OW * OH);
    __global const float* xp = x + (long) plane * H * W;
    float m = -INFINITY;
    for (int kh = 0; kh < p[5]; kh++) {
        int ih = oh * p[7] - p[9] + kh * p[11];
        if (ih < 0 || ih >= H) continue;
        for (int kw = 0; kw < p[6]; kw++) {
            int iw = ow * p[8] - p[10] + kw * p[12];
            if (iw < 0 || iw >= W) continue;
            float v = xp[ih * W + iw];
            if (v > m || isnan(v)) m = v;   // NB: NaN propagates, as in PyTorch
        }
    }
    out[gid] = m;
}

__kernel void avg_pool2d(__global const float* x, __global float* out, __constant int* p) {
    int NC = p[0], H = p[1], W = p[2], OH = p[3], OW = p[4], KH = p[5], KW = p[6];
    int gid = get_global_id(0);
    if (gid >= NC * OH * OW) return;
    int ow = gid % OW, oh = (gid / OW) % OH, plane = gid / (OW * OH);
    int hs = oh * p[7] - p[9], ws = ow * p[8] - p[10];
    // the window may hang over the padding (counted when countIncludePad) but not beyond it
    int he = min(hs + KH, H + p[9]), we = min(ws + KW, W + p[10]);
    int poolSize = (he - hs) * (we - ws);
    hs = max(hs, 0); ws = max(ws, 0); he = min(he, H); we = min(we, W);
    __global const float* xp = x + (long) plane * H * W;
    float s = 0.0f;
    for (int ih = hs; ih < he; ih++) for (int iw = ws; iw < we; iw++) s += xp[ih * W + iw];
    int div = p[14] ? p[14] : (p[13] ? poolSize : (he - hs) * (we - ws));
    out[gid] = s / (float) div;
}

__kernel void adaptive_avg_pool2d(__global const float* x, __global float* out, __constant int* p) {
    int NC = p[0], H = p[1], W = p[2], OH = p[3], OW = p[4];
    int gid = get_global_id(0);
    if (gid >= NC * OH * OW) return;
    int ow = gid % OW, oh = (gid / OW) % OH, plane = gid / (OW * OH);
    int hs = (oh * H) / OH, he = ((oh + 1) * H + OH - 1) / OH;
    int ws = (ow * W) / OW, we = ((ow + 1) * W + OW - 1) / OW;
    __global const float* xp = x + (long) plane * H * W;
    float s = 0.0f;
    for (int ih = hs; ih < he; ih++) for (int iw = ws; iw < we; iw++) s += xp[ih * W + iw];
    out[gid] = s / (float) ((he - hs) * (we - ws));
}
