from typing import Dict, List, Optional, Tuple

import torch
import torch.nn as nn


class Containers(nn.Module):
    """Lists, dicts, optionals and strings: the non-tensor half of TorchScript."""

    def __init__(self):
        super().__init__()
        self.names: List[str] = ["double", "square", "negate"]
        self.scale = 0.5

    def forward(self, x, bias: Optional[torch.Tensor] = None) -> Tuple[torch.Tensor, List[int]]:
        results: Dict[str, torch.Tensor] = {}
        for name in self.names:
            if name == "double":
                results[name] = x * 2
            elif name == "square":
                results[name] = x * x
            else:
                results[name] = -x
        total = torch.zeros_like(x)
        lengths: List[int] = []
        for key in results.keys():
            total = total + results[key] * self.scale
            lengths.append(len(key))
        if bias is not None:
            total = total + bias
        return total, lengths
