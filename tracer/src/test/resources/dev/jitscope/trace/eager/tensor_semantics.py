# Tensor-level Python the eager interpreter must run as PyTorch does; the test compares stdout.
import torch
import torch.nn.functional as F


def show(name, t):
    if isinstance(t, torch.Tensor):
        print(name, tuple(t.shape), t.dtype == torch.float32, t.dtype == torch.int64, t.dtype == torch.bool,
              [round(v, 4) for v in t.flatten().tolist()])
    else:
        print(name, t)


x = torch.arange(24).view(2, 3, 4).float()
show("x", x)
show("index", x[0, :, 1:3])
show("ellipsis", x[..., 0])
show("none", tuple(x[None, 1].shape))
show("neg", x[-1, -1])
show("step", x[:, ::2, 1::2])
show("mask", x[x > 20])
show("idx", x[torch.tensor([1, 0])])
show("list idx", x[0, [2, 0]])
y = x.clone()
y[0] = 5
y[1, :, 0] = torch.tensor([7.0, 8.0, 9.0])
y[y > 20] = 0
y += 1
y[0, 0, 0] -= 3
show("setitem", y)
a = torch.ones(2, 3)
b = torch.full((2, 3), 2.0)
show("ops", (a + b * 3 - 1) / 2)
show("rops", 1 - a + 2 * b - 10 / b + 2 ** b)
show("pow", b ** 2 // 3 % 2)
show("cmp", (a < b).float() * (b >= 2).float())
show("unary", -b + abs(-a))
show("matmul", a @ b.T)
show("reshape", x.reshape(6, -1).permute(1, 0).contiguous().view(-1)[:5])
show("transpose", tuple(x.transpose(1, 2).shape))
show("squeeze", tuple(x.unsqueeze(0).squeeze(0).shape))
show("expand", torch.ones(1, 3).expand(2, 3))
show("sum", x.sum(dim=1, keepdim=True))
show("mean", x.mean(dim=(0, 2)))
values, indices = x.max(dim=2)
show("max", values)
show("argmax", indices)
show("cat", torch.cat([a, b], dim=1))
show("stack", tuple(torch.stack([a, b]).shape))
parts = x.chunk(2, dim=2)
show("chunk", len(parts))
show("chunk0", tuple(parts[0].shape))
show("softmax", F.softmax(torch.tensor([1.0, 2.0, 3.0]), dim=0))
show("relu", F.relu(torch.tensor([-1.0, 0.5])))
show("where", torch.where(a > 0, b, a))
show("clamp", x.clamp(min=3, max=7)[0, 0])
show("masked_fill", a.masked_fill(b > 1, -1.0))
show("to", x.to(torch.float64).dtype == torch.float64)
show("long", x.long()[0, 0])
show("bool", (x > 3).sum().item())
show("size", (tuple(x.size()), x.size(1), x.shape[-1], len(x), x.dim(), x.numel()))
show("item", x[1, 2, 3].item())
show("tolist", x[0, 0].tolist())
show("isinstance", (isinstance(x, torch.Tensor), isinstance(x.shape, tuple)))
rows = [r.sum().item() for r in torch.ones(3, 2)]
show("rows", rows)
for p, q in zip(a, b):
    show("zip", (p + q).tolist())
z = torch.zeros(3, dtype=torch.long)
show("zeros long", z)
n = torch.tensor(3)
show("int", int(n) + float(n) + bool(n))
show("scalar ops", (n * 2 + 1).item())
show("named", x.max(dim=2).values)
print(x)
print(torch.tensor([1.5, -2.25]), torch.tensor(3.5), torch.tensor(-2), torch.zeros(2, 0), torch.tensor([]))
print(torch.arange(40), torch.arange(30).float() / 7)
print(torch.tensor([1e-5, 1.0]), torch.tensor([1e9, 1.0]), x.double()[0], x.int()[1, 0], x[0] > 5)
print(x.dtype, torch.long, x.int().dtype, str(torch.bool))
