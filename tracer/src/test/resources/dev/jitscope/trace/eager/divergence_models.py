import torch
import torch.nn as nn


class Gate(nn.Module):
    def forward(self, x):
        if x.sum() > 0:
            return x
        else:
            return -x


class Halver(nn.Module):
    def forward(self, x):
        while x.norm() > 1.0:
            x = x * 0.5
        return x


class RowLoop(nn.Module):
    def forward(self, x):
        acc = torch.zeros(x.size(1))
        for i in range(x.size(0)):
            acc = acc + x[i]
        return acc


class RowIter(nn.Module):
    def forward(self, x):
        out = []
        for row in x:
            out.append(row * 2)
        return torch.stack(out)


class Scalars(nn.Module):
    def forward(self, x):
        s = x.sum().item()
        n = int(x.max())
        k = x.shape[0] * 2
        return x * s + n + k


class SizeBranch(nn.Module):
    def forward(self, x):
        if x.size(0) > 2:
            return x[:2]
        return x


class Plain(nn.Module):
    def __init__(self):
        super().__init__()
        self.scale = 3
        self.flags = [True, False]

    def forward(self, x):
        y = torch.relu(x) + 1
        for flag in self.flags:
            if flag:
                y = y * self.scale
        for i in range(len(self.flags)):
            y = y + i
        return y
