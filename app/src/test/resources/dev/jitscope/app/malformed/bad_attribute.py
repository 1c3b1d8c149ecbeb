# expect-line: 5
import torch

def f(n: int) -> int:
    return n.frobnicate
