"""Writes wrong_shape.pt: the state_dict of SimpleModel(4, 5), which a SimpleModel() (4 -> 3) cannot take."""
import importlib.util
import sys

import torch

spec = importlib.util.spec_from_file_location("simple_model", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
torch.save(module.SimpleModel(4, 5).state_dict(), "wrong_shape.pt")
torch.save(module.SimpleModel().state_dict(), "right_shape.pt")
