package dev.jitscope.kernels.cpu;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.value.Tuple;
import dev.jitscope.tensor.Tensor;

import java.util.List;

/**
 * aten::lstm / aten::gru / aten::rnn_tanh / aten::rnn_relu with PyTorch's flat weight list: per layer and
 * direction (w_ih, w_hh[, b_ih, b_hh]). The input projection of all time steps is one matrix product;
 * only the hidden-to-hidden product runs per step. Float32, inference only (dropout between layers is
 * ignored unless training, as in eval mode).
 */
public final class RecurrentKernels {
    private RecurrentKernels() { }

    public enum Cell {
        LSTM(4), GRU(3), RNN_TANH(1), RNN_RELU(1);
        final int gates;
        Cell(int gates) { this.gates = gates; }
    }

    /**
     * Runs a stacked recurrent network. {@code hx} holds h0 (and c0 for LSTM), each (layers·directions, batch, hidden).
     * Returns (output, h_n) or, for LSTM, (output, h_n, c_n).
     */
    public static Tuple run(Cell cell, Tensor input, List<Tensor> hx, List<Tensor> params, boolean hasBiases,
                            int numLayers, boolean train, boolean bidirectional, boolean batchFirst) {
        if (train) throw new JitScopeException("recurrent layers run in inference mode only (call .eval())");
        if (input.dim() != 3) throw new JitScopeException("input must have 3 dimensions, got " + input.dim());
        int dirs = bidirectional ? 2 : 1, perCell = hasBiases ? 4 : 2;
        if (params.size() != numLayers * dirs * perCell)
            throw new JitScopeException("expected " + numLayers * dirs * perCell + " weights for " + numLayers + " layers, got " + params.size()
                    + (params.size() == numLayers * dirs * (perCell + 1) ? " (projections, proj_size > 0, are not supported)" : ""));
        Tensor x = batchFirst ? ShapeKernels.transpose(input, 0, 1) : input;
        int steps = x.shape()[0], batch = x.shape()[1];
        Tensor h0 = hx.get(0);
        int hidden = h0.shape()[2];
        float[] h0s = Strided.denseFloats(h0);
        float[] c0s = cell == Cell.LSTM ? Strided.denseFloats(hx.get(1)) : null;
        float[] hN = new float[numLayers * dirs * batch * hidden];
        float[] cN = cell == Cell.LSTM ? new float[hN.length] : null;
        Tensor layerInput = x;
        for (int layer = 0; layer < numLayers; layer++) {
            float[] out = new float[steps * batch * dirs * hidden];
            for (int d = 0; d < dirs; d++) {
                int p = (layer * dirs + d) * perCell, slot = (layer * dirs + d) * batch * hidden;
                Tensor wIh = params.get(p), wHh = params.get(p + 1);
                Tensor bIh = hasBiases ? params.get(p + 2) : null, bHh = hasBiases ? params.get(p + 3) : null;
                if (wIh.shape()[0] != cell.gates * hidden)
                    throw new JitScopeException("weight_ih has " + wIh.shape()[0] + " rows, expected " + cell.gates * hidden);
                // every step's input projection at once: (steps·batch, gates·hidden)
                float[] xProj = Strided.denseFloats(LinearAlgebraKernels.linear(layerInput, wIh, bIh));
                float[] h = new float[batch * hidden], c = cell == Cell.LSTM ? new float[batch * hidden] : null;
                System.arraycopy(h0s, slot, h, 0, h.length);
                if (c != null) System.arraycopy(c0s, slot, c, 0, c.length);
                for (int s = 0; s < steps; s++) {
                    int t = d == 0 ? s : steps - 1 - s;
                    float[] hProj = Strided.denseFloats(LinearAlgebraKernels.linear(Strided.wrap(h, new int[]{batch, hidden}), wHh, bHh));
                    step(cell, xProj, t * batch * cell.gates * hidden, hProj, h, c, batch, hidden);
                    for (int b = 0; b < batch; b++)
                        System.arraycopy(h, b * hidden, out, ((t * batch + b) * dirs + d) * hidden, hidden);
                }
                System.arraycopy(h, 0, hN, slot, h.length);
                if (c != null) System.arraycopy(c, 0, cN, slot, c.length);
            }
            layerInput = Strided.wrap(out, new int[]{steps, batch, dirs * hidden});
        }
        Tensor output = batchFirst ? ShapeKernels.contiguous(ShapeKernels.transpose(layerInput, 0, 1)) : layerInput;
        int[] stateShape = {numLayers * dirs, batch, hidden};
        Tensor hOut = Strided.wrap(hN, stateShape);
        return cell == Cell.LSTM ? Tuple.of(output, hOut, Strided.wrap(cN, stateShape)) : Tuple.of(output, hOut);
    }

    /** One time step for every batch row: updates h (and c) in place from the two projections. */
    private static void step(Cell cell, float[] xp, int xOff, float[] hp, float[] h, float[] c, int batch, int hidden) {
        int g = cell.gates * hidden;
        for (int b = 0; b < batch; b++) {
            int xo = xOff + b * g, ho = b * g, o = b * hidden;
            for (int j = 0; j < hidden; j++) {
                switch (cell) {
                    case LSTM -> {
                        float i = sigmoid(xp[xo + j] + hp[ho + j]);
                        float f = sigmoid(xp[xo + hidden + j] + hp[ho + hidden + j]);
                        float gg = (float) Math.tanh(xp[xo + 2 * hidden + j] + hp[ho + 2 * hidden + j]);
                        float og = sigmoid(xp[xo + 3 * hidden + j] + hp[ho + 3 * hidden + j]);
                        float cc = f * c[o + j] + i * gg;
                        c[o + j] = cc;
                        h[o + j] = og * (float) Math.tanh(cc);
                    }
                    case GRU -> {
                        // n uses r · (W_hn h + b_hn): the hidden bias sits inside the reset gate
                        float r = sigmoid(xp[xo + j] + hp[ho + j]);
                        float z = sigmoid(xp[xo + hidden + j] + hp[ho + hidden + j]);
                        float n = (float) Math.tanh(xp[xo + 2 * hidden + j] + r * hp[ho + 2 * hidden + j]);
                        h[o + j] = (1 - z) * n + z * h[o + j];
                    }
                    case RNN_TANH -> h[o + j] = (float) Math.tanh(xp[xo + j] + hp[ho + j]);
                    case RNN_RELU -> h[o + j] = Math.max(0f, xp[xo + j] + hp[ho + j]);
                }
            }
        }
    }

    private static float sigmoid(float v) { return (float) (1 / (1 + Math.exp(-v))); }
}
