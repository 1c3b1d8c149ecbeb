# check_my_cell.py ARCHIVE: PyTorch loads the MyCell archive JitScope compiled from source and saved;
# its forward must equal the tutorial's formula computed here from the archive's own weights.
import sys, warnings
import torch
warnings.filterwarnings("ignore")
torch.manual_seed(0)
m = torch.jit.load(sys.argv[1])
sd = m.state_dict()
assert list(sd) == ["linear.weight", "linear.bias"], list(sd)
for x, h in [(torch.randn(3, 4), torch.randn(3, 4)), (-torch.rand(3, 4) - 1, torch.randn(3, 4))]:
    y = torch.nn.functional.linear(x, sd["linear.weight"], sd["linear.bias"])
    gated = y if y.sum() > 0 else -y
    expected = torch.tanh(gated + h)
    a, b = m(x, h)
    assert torch.allclose(a, expected) and torch.equal(a, b), (a, expected)
print("same my_cell")
