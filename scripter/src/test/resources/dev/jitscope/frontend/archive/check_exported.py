# check_exported.py ORIGINAL EXPORTED WEIGHTS...: PyTorch loads each exported archive; WEIGHTS is "-" or a
# torch.save(state_dict) file that PyTorch loads into the original first. The exported state_dict must
# equal that exactly (keys, dtypes, shapes, strides, values) and forward must give the same result on
# a random input.
import sys, warnings
import torch
warnings.filterwarnings("ignore")
torch.manual_seed(0)
inputs = {"tiny": lambda: torch.randn(4, 3), "attrs": lambda: torch.randn(3), "setstate": lambda: torch.randn(3), "lstm": lambda: torch.randn(5, 2, 3),
          "resnet18": lambda: torch.randn(1, 3, 64, 64), "traced_constant": lambda: torch.randn(3),
          "transformer": lambda: torch.randn(5, 2, 8), "mobilenet_traced": lambda: torch.randn(1, 3, 32, 32)}
args = sys.argv[1:]
for original, exported, weights in zip(args[0::3], args[1::3], args[2::3]):
    a, b = torch.jit.load(original), torch.jit.load(exported)
    if weights != "-":
        a.load_state_dict(torch.load(weights))
    sa, sb = a.state_dict(), b.state_dict()
    assert list(sa) == list(sb), (original, list(sa), list(sb))
    for k in sa:
        assert sa[k].dtype == sb[k].dtype and sa[k].shape == sb[k].shape and sa[k].stride() == sb[k].stride(), k
        assert torch.equal(sa[k], sb[k]), k
    name = original.rsplit("/", 1)[-1][:-3]
    x = inputs[name]()
    assert torch.equal(a(x), b(x)), name
    print("same", name, "reweighted" if weights != "-" else "")
