# expect-line: 5
# known-gap: the frontend points at the def line; PyTorch points at the return statement (line 5)
import torch

def f(n: int) -> str:
    return n
