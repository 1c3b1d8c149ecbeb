import torch
import torch.nn as nn


class SimpleModel(nn.Module):
    """The tutorial's first model: one linear layer and a ReLU."""

    def __init__(self, in_features: int = 4, out_features: int = 3):
        super().__init__()
        self.linear = nn.Linear(in_features, out_features)

    def forward(self, x):
        return torch.relu(self.linear(x))
