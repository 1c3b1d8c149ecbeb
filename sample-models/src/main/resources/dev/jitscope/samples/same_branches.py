import torch
import torch.nn as nn


class SameBranches(nn.Module):
    """Both branches compute the same value: a divergence site that never changes outputs."""

    def forward(self, x):
        if x.sum() > 0:
            y = x + x
        else:
            y = 2 * x
        return y
