# torch.nn.modules.utils for JitScope: the tuple helpers modules use in __init__, and the
# BroadcastingList annotations (in script code a BroadcastingListN[int] parameter is an int[N]
# list, and a single int argument is repeated N times).
from typing import List


def _ntuple(x, n: int):
    if isinstance(x, (list, tuple)):
        return tuple(x)
    return tuple([x for _ in range(n)])


def _single(x):
    return _ntuple(x, 1)


def _pair(x):
    return _ntuple(x, 2)


def _triple(x):
    return _ntuple(x, 3)


def _reverse_repeat_tuple(t, n: int):
    # (a, b) -> (b, b, a, a) for n=2: the padding argument of F.pad from a conv's padding
    out = []
    for i in range(len(t)):
        for _ in range(n):
            out.append(t[len(t) - 1 - i])
    return tuple(out)


BroadcastingList1 = List
BroadcastingList2 = List
BroadcastingList3 = List
