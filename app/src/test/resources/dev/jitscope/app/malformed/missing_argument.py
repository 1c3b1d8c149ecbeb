# expect-line: 9
import torch

def helper(a: int, b: int) -> int:
    return a + b

def f(x: torch.Tensor) -> torch.Tensor:
    n = 3
    k = helper(n)
    return x * k
