# expect-line: 7
import torch

def f(x: torch.Tensor, flag: bool) -> int:
    if flag:
        y = 1
    return y
