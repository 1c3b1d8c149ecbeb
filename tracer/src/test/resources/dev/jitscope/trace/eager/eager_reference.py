"""Referee for the eager interpreter: runs MODEL.py's CLASS() in PyTorch with the state dict and
inputs the Java test wrote (.npy files), in eval mode, and writes every output leaf as out_<k>.npy.
usage: eager_reference.py MODEL.py CLASS DIR N_INPUTS"""
import importlib.util
import os
import sys

import numpy as np
import torch

path, cls, work, n_inputs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
spec = importlib.util.spec_from_file_location("model_under_test", path)
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)
model = getattr(mod, cls)()
state_dir = os.path.join(work, "state")
state = {}
for name in os.listdir(state_dir):
    state[name[:-len(".npy")]] = torch.from_numpy(np.load(os.path.join(state_dir, name)))
model.load_state_dict(state, strict=True)
model.eval()
inputs = [torch.from_numpy(np.load(os.path.join(work, "in_%d.npy" % i))) for i in range(n_inputs)]
with torch.no_grad():
    result = model(*inputs)

leaves = []


def flatten(v):
    if isinstance(v, (tuple, list)):
        for x in v:
            flatten(x)
    elif isinstance(v, dict):
        for x in v.values():
            flatten(x)
    elif isinstance(v, torch.Tensor):
        leaves.append(v.numpy())
    else:
        leaves.append(np.array(v))


flatten(result)
for k, leaf in enumerate(leaves):
    np.save(os.path.join(work, "out_%d.npy" % k), leaf)
print(len(leaves))
