import torch
import torch.nn as nn


class Unsupported(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(4, 4)

    def forward(self, x):
        try:
            return self.linear(x)
        except RuntimeError:
            return x
