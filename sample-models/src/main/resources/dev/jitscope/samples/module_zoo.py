from typing import Dict

import torch
import torch.nn as nn
import torch.nn.functional as F


class ModuleZoo(nn.Module):
    """Uses every standard nn module JitScope ships at least once, on small shapes.

    Input: image (N, 3, 8, 8) float, tokens (N, 6) int64.
    """

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, kernel_size=3, padding=1)
        self.bn2d = nn.BatchNorm2d(4)
        self.deconv = nn.ConvTranspose2d(4, 4, kernel_size=2, stride=2)
        self.maxpool = nn.MaxPool2d(2)
        self.avgpool = nn.AvgPool2d(2)
        self.gap = nn.AdaptiveAvgPool2d((1, 1))
        self.flatten = nn.Flatten()
        self.group_norm = nn.GroupNorm(2, 4)
        self.conv1d = nn.Conv1d(4, 4, kernel_size=3, padding=1)
        self.bn1d = nn.BatchNorm1d(4)
        self.embed = nn.Embedding(20, 8)
        self.lstm = nn.LSTM(8, 8, batch_first=True)
        self.gru = nn.GRU(8, 8, batch_first=True)
        self.attn = nn.MultiheadAttention(8, 2, batch_first=True)
        self.encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(8, 2, dim_feedforward=16, batch_first=True), 1)
        self.layer_norm = nn.LayerNorm(8)
        self.bilinear = nn.Bilinear(4, 8, 6)
        self.acts = nn.ModuleList([nn.ReLU(), nn.GELU(), nn.SiLU(), nn.Sigmoid(), nn.Tanh(),
                                   nn.Hardtanh(), nn.LeakyReLU(0.1), nn.Identity()])
        self.heads = nn.ModuleDict({"softmax": nn.Softmax(dim=-1), "log_softmax": nn.LogSoftmax(dim=-1)})
        self.mlp = nn.Sequential(nn.Linear(6, 6), nn.Dropout(0.2), nn.ReLU())

    def forward(self, image, tokens):
        x = F.relu(self.bn2d(self.conv(image)))
        x = self.deconv(self.maxpool(x))
        x = self.group_norm(self.avgpool(x))
        pooled = self.flatten(self.gap(x))
        seq = self.bn1d(self.conv1d(x.flatten(2)))
        e = self.embed(tokens)
        e, _ = self.lstm(e)
        e, _ = self.gru(e)
        a, _ = self.attn(e, e, e)
        e = self.layer_norm(self.encoder(a + e))
        summary = e.mean(dim=1)
        y = self.bilinear(pooled, summary)
        for act in self.acts:
            y = act(y)
        y = self.mlp(y) + seq.mean(dim=2).sum(dim=1, keepdim=True)
        outs: Dict[str, torch.Tensor] = {}
        for name, head in self.heads.items():
            outs[name] = head(y)
        return outs["softmax"], outs["log_softmax"]
