"""A stock nn.TransformerEncoder whose layers have an activation module of their own (QuickGELU,
x * sigmoid(1.702 * x), as CLIP's), scripted in eval; its input and PyTorch's output as .npy.

PyTorch 1.13 runs such a layer through the slow path (activation_relu_or_gelu is 0, so the fused
_transformer_encoder_layer_fwd is not taken), and the activation is a chain of elementwise operators:
what the fuse-elementwise pass turns into a prim::FusionGroup. Usage: make_fusion_transformer.py OUTDIR
"""
import os
import sys

import numpy as np
import torch
import torch.nn as nn


class QuickGELU(nn.Module):
    def forward(self, x):
        return x * torch.sigmoid(1.702 * x)


def main(out):
    torch.manual_seed(1234)
    model = nn.TransformerEncoder(nn.TransformerEncoderLayer(32, 4, dim_feedforward=64, activation=QuickGELU()), 2).eval()
    scripted = torch.jit.script(model)
    scripted.save(os.path.join(out, "transformer_quickgelu.pt"))
    x = torch.randn(6, 2, 32)
    with torch.no_grad():
        y = torch.jit.load(os.path.join(out, "transformer_quickgelu.pt"))(x)
    np.save(os.path.join(out, "transformer_quickgelu.in.npy"), x.numpy())
    np.save(os.path.join(out, "transformer_quickgelu.out.npy"), y.numpy())


if __name__ == "__main__":
    main(sys.argv[1])
