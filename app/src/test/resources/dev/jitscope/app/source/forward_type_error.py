import torch
import torch.nn as nn


class TypeErrorInForward(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(4, 4)
        self.label = "scores"

    def forward(self, x):
        y = self.linear(x)
        return torch.relu(self.label)
