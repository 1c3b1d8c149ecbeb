"""run_archive.py ARCHIVE OUT_PREFIX IN.npy...: torch.jit.load(ARCHIVE)(*inputs), outputs flattened to OUT_PREFIX<i>.npy."""
import sys

import numpy as np
import torch


def flatten(v, out):
    if isinstance(v, torch.Tensor):
        out.append(v.detach().numpy())
    elif isinstance(v, (tuple, list)):
        for x in v:
            flatten(x, out)
    return out


m = torch.jit.load(sys.argv[1])
inputs = [torch.from_numpy(np.load(f)) for f in sys.argv[3:]]
with torch.no_grad():
    outs = flatten(m(*inputs), [])
for i, o in enumerate(outs):
    np.save(sys.argv[2] + str(i) + ".npy", o)
print(len(outs))
