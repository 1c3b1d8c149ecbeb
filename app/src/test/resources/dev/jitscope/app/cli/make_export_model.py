# Writes, into the working directory: model.pt (a scripted Linear+ReLU), weights.pt (a state_dict of
# other weights), bad_weights.pt (that state_dict with l.weight mis-shaped), x.pt (an input saved as
# .npy by the test) and expected.npy (what model.pt with weights.pt gives on x).
import sys
import numpy as np
import torch


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.l = torch.nn.Linear(3, 2)

    def forward(self, x):
        return torch.relu(self.l(x))


def main():
    torch.manual_seed(1)
    torch.jit.script(Net()).save("model.pt")
    torch.manual_seed(7)
    other = Net()
    torch.save(other.state_dict(), "weights.pt")
    bad = other.state_dict()
    bad["l.weight"] = torch.zeros(5, 5)
    torch.save(bad, "bad_weights.pt")
    x = torch.linspace(-1, 1, 12).reshape(4, 3)
    np.save("x.npy", x.numpy())
    np.save("expected.npy", other(x).detach().numpy())


def check(exported):
    # loads what JitScope wrote and prints the max difference to expected.npy on x.npy
    m = torch.jit.load(exported)
    got = m(torch.from_numpy(np.load("x.npy"))).detach().numpy()
    print(float(np.abs(got - np.load("expected.npy")).max()))


if __name__ == "__main__":
    if len(sys.argv) > 1:
        check(sys.argv[1])
    else:
        main()
