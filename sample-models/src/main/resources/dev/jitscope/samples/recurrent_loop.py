from typing import List, Optional

import torch
import torch.nn as nn


class RecurrentLoop(nn.Module):
    """An RNN cell unrolled over the sequence; the trip count comes from x.size(0)."""

    def __init__(self, input_size: int = 4, hidden_size: int = 6):
        super().__init__()
        self.hidden_size = hidden_size
        self.cell = nn.Linear(input_size + hidden_size, hidden_size)

    def forward(self, x, h0: Optional[torch.Tensor] = None):
        if h0 is None:
            h = torch.zeros(x.size(1), self.hidden_size)
        else:
            h = h0
        outputs: List[torch.Tensor] = []
        for t in range(x.size(0)):
            h = torch.tanh(self.cell(torch.cat([x[t], h], dim=1)))
            outputs.append(h)
        return torch.stack(outputs), h
