# expect-line: 4
import torch

def f(x: Frobnicator) -> torch.Tensor:
    return x
