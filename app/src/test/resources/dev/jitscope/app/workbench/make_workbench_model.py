"""Writes net.pt (a scripted two-level module), input.npy, expected.npy (PyTorch's output) and input_shifted.npy into the cwd."""
import numpy as np
import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 8)

    def forward(self, x):
        return torch.relu(self.fc(x))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.block = Block()
        self.head = nn.Linear(8, 3)

    def forward(self, x):
        y = self.block(x)
        if bool(y.sum() > 0.0):
            y = y * 2.0
        return self.head(y) + 0.0


torch.manual_seed(0)
net = torch.jit.script(Net().eval())
net.save("net.pt")
x = torch.randn(2, 4)
np.save("input.npy", x.numpy())
np.save("expected.npy", net(x).detach().numpy())
# the same values shifted: x.mean() > 0.5, so ControlFlowModel takes its other branch
np.save("input_shifted.npy", x.numpy() + 1.0)
