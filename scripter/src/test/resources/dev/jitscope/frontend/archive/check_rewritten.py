# check_rewritten.py ORIGINAL REWRITTEN...: PyTorch loads each rewritten archive; its state_dict must
# equal the original's exactly and forward must give the same result on a random input.
import sys, warnings
import torch
warnings.filterwarnings("ignore")
inputs = {"tiny": lambda: torch.randn(4, 3), "attrs": lambda: torch.randn(3), "lstm": lambda: torch.randn(5, 2, 3),
          "resnet18": lambda: torch.randn(1, 3, 64, 64), "traced_constant": lambda: torch.randn(3)}
for original, rewritten in zip(sys.argv[1::2], sys.argv[2::2]):
    a, b = torch.jit.load(original), torch.jit.load(rewritten)
    sa, sb = a.state_dict(), b.state_dict()
    assert list(sa) == list(sb), (original, list(sa), list(sb))
    for k in sa:
        assert sa[k].dtype == sb[k].dtype and sa[k].shape == sb[k].shape and sa[k].stride() == sb[k].stride(), k
        assert torch.equal(sa[k], sb[k]), k
    name = original.rsplit("/", 1)[-1][:-3]
    x = inputs[name]()
    assert torch.equal(a(x), b(x)), name
    print("same", name)
