# expect-line: 6
import torch

def f(x: torch.Tensor) -> torch.Tensor:
    y = x
    global z
    return y
