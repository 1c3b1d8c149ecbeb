# expect-line: 5
import torch

def f(n: int) -> str:
    return n
