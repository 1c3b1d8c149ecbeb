# torch.nn.modules.container for JitScope: Sequential, ModuleList, ModuleDict. Their Python
# protocol methods (__getitem__, __len__, __iter__, items, ...) serve eager execution; the
# scripter handles iteration, len(), indexing and `in` on containers itself, as PyTorch does,
# and compiles only Sequential.forward.
from collections import OrderedDict

import torch
from torch import Tensor
import torch.nn as nn


class Sequential(nn.Module):
    def __init__(self, *args):
        super().__init__()
        if len(args) == 1 and isinstance(args[0], OrderedDict):
            for key, module in args[0].items():
                self.add_module(key, module)
        else:
            for idx, module in enumerate(args):
                self.add_module(str(idx), module)

    def __getitem__(self, idx: int):
        size = len(self._modules)
        if idx < 0:
            idx += size
        if idx < 0 or idx >= size:
            raise IndexError('index {} is out of range'.format(idx))
        return list(self._modules.values())[idx]

    def __len__(self) -> int:
        return len(self._modules)

    def __iter__(self):
        return iter(self._modules.values())

    def append(self, module):
        self.add_module(str(len(self)), module)
        return self

    def forward(self, input):
        for module in self:
            input = module(input)
        return input


class ModuleList(nn.Module):
    def __init__(self, modules=None) -> None:
        super().__init__()
        if modules is not None:
            self.extend(modules)

    def _get_abs_string_index(self, idx: int) -> str:
        size = len(self._modules)
        if not (-size <= idx < size):
            raise IndexError('index {} is out of range'.format(idx))
        if idx < 0:
            idx += size
        return str(idx)

    def __getitem__(self, idx: int):
        return self._modules[self._get_abs_string_index(idx)]

    def __len__(self) -> int:
        return len(self._modules)

    def __iter__(self):
        return iter(self._modules.values())

    def append(self, module):
        self.add_module(str(len(self)), module)
        return self

    def extend(self, modules):
        offset = len(self)
        for i, module in enumerate(modules):
            self.add_module(str(offset + i), module)
        return self


class ModuleDict(nn.Module):
    def __init__(self, modules=None) -> None:
        super().__init__()
        if modules is not None:
            self.update(modules)

    def __getitem__(self, key: str):
        return self._modules[key]

    def __setitem__(self, key: str, module) -> None:
        self.add_module(key, module)

    def __len__(self) -> int:
        return len(self._modules)

    def __iter__(self):
        return iter(self._modules)

    def __contains__(self, key: str) -> bool:
        return key in self._modules

    def keys(self):
        return self._modules.keys()

    def items(self):
        return self._modules.items()

    def values(self):
        return self._modules.values()

    def update(self, modules) -> None:
        for key, module in modules.items():
            self.add_module(key, module)
