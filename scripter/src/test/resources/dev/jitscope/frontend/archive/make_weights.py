# make_weights.py DIR: state dict files (torch.save) for the archives make_models.py wrote in DIR:
# resnet18_weights.pt (a differently seeded resnet18), tiny_weights.pt (fresh positive values, as
# running_var must be), tiny_bad.pt (one key missing, one unexpected, one mis-shaped), tiny_wrapped.pt (keys under "module."),
# tiny_legacy.pt (the pre-1.6 pickle format), tiny_checkpoint.pt (a training checkpoint holding the state dict).
import sys, warnings
import torch, torchvision
warnings.filterwarnings("ignore")
d = sys.argv[1]
torch.manual_seed(1)
torch.save(torchvision.models.resnet18().state_dict(), f"{d}/resnet18_weights.pt")
tiny = torch.jit.load(f"{d}/tiny.pt").state_dict()
fresh = {k: (torch.rand_like(v) + 0.5 if v.is_floating_point() else v + 3) for k, v in tiny.items()}
torch.save(fresh, f"{d}/tiny_weights.pt")
bad = dict(fresh)
del bad["l.bias"]
bad["l.extra"] = torch.ones(2)
bad["bn.weight"] = torch.ones(3)
torch.save(bad, f"{d}/tiny_bad.pt")
torch.save({"module." + k: v for k, v in fresh.items()}, f"{d}/tiny_wrapped.pt")
torch.save(fresh, f"{d}/tiny_legacy.pt", _use_new_zipfile_serialization=False)
torch.save({"epoch": 3, "model": fresh, "lr": 0.1}, f"{d}/tiny_checkpoint.pt")
print("ok")
