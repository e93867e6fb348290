"""Golden values for one transformer block (pre-norm attention + GELU MLP + LM head + loss).

Computed in float64 with PyTorch from float32 inputs, written as a small safetensors fixture
(float32) that Tests/TensorTests/GoldenBlockTests.swift compares against the Swift engine:
the inputs and parameters, the block output, the loss, and the gradient of every input.

Usage: bench/.venv/bin/python bench/reference/golden_block.py [output path]
"""
import sys

import torch
import torch.nn.functional as F
from safetensors.torch import save_file

B, T, C, HEADS, HIDDEN, VOCAB, PREFIX = 2, 6, 16, 2, 32, 11, 3
IGNORE = -100


def block(p, x, targets, weights):
    d = C // HEADS
    h = F.layer_norm(x, (C,), p["ln1.weight"], p["ln1.bias"], eps=1e-5)
    q, k, v = (F.linear(h, p[f"{n}.weight"], p[f"{n}.bias"]) for n in ("q", "k", "v"))
    split = lambda t: t.view(B, T, HEADS, d).transpose(1, 2)
    q, k, v = split(q), split(k), split(v)
    i = torch.arange(T).view(T, 1)
    j = torch.arange(T).view(1, T)
    allowed = (j <= i) | ((i < PREFIX) & (j < PREFIX))
    scores = (q @ k.transpose(-1, -2)) / d**0.5
    scores = scores.masked_fill(~allowed, float("-inf"))
    a = (scores.softmax(-1) @ v).transpose(1, 2).reshape(B, T, C)
    x = x + F.linear(a, p["o.weight"], p["o.bias"])
    h = F.layer_norm(x, (C,), p["ln2.weight"], p["ln2.bias"], eps=1e-5)
    h = F.gelu(F.linear(h, p["fc1.weight"], p["fc1.bias"]), approximate="tanh")
    y = x + F.linear(h, p["fc2.weight"], p["fc2.bias"])
    logits = F.linear(y, p["head.weight"]).view(B * T, VOCAB)
    losses = F.cross_entropy(logits, targets, ignore_index=IGNORE, reduction="none")
    kept = targets != IGNORE
    loss = (losses * weights)[kept].sum() / weights[kept].sum()
    return y, loss


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "Tests/TensorTests/Fixtures/golden_block.safetensors"
    g = torch.Generator().manual_seed(7)
    shapes = {
        "ln1.weight": (C,), "ln1.bias": (C,), "ln2.weight": (C,), "ln2.bias": (C,),
        "q.weight": (C, C), "q.bias": (C,), "k.weight": (C, C), "k.bias": (C,),
        "v.weight": (C, C), "v.bias": (C,), "o.weight": (C, C), "o.bias": (C,),
        "fc1.weight": (HIDDEN, C), "fc1.bias": (HIDDEN,), "fc2.weight": (C, HIDDEN), "fc2.bias": (C,),
        "head.weight": (VOCAB, C),
    }
    params = {}
    for name, shape in shapes.items():
        t = torch.randn(shape, generator=g, dtype=torch.float32) * (0.3 if name.endswith("weight") and len(shape) == 2 else 0.1)
        if name.startswith("ln") and name.endswith("weight"):
            t = t + 1
        params[name] = t
    x = torch.randn((B, T, C), generator=g, dtype=torch.float32)
    targets = torch.randint(0, VOCAB, (B * T,), generator=g)
    targets[4] = IGNORE
    weights = torch.rand((B * T,), generator=g, dtype=torch.float32) + 0.5

    leaves = {n: t.double().requires_grad_() for n, t in params.items()}
    x64 = x.double().requires_grad_()
    y, loss = block(leaves, x64, targets, weights.double())
    loss.backward()

    fixture = {f"param.{n}": t for n, t in params.items()}
    fixture["input.x"] = x
    fixture["input.targets"] = targets.float()
    fixture["input.weights"] = weights
    fixture["output.y"] = y.detach().float()
    fixture["output.loss"] = loss.detach().float().reshape(())
    fixture["grad.x"] = x64.grad.float()
    for n, t in leaves.items():
        fixture[f"grad.{n}"] = t.grad.float()
    save_file({k: v.contiguous() for k, v in fixture.items()}, out)
    print(f"wrote {out}: loss {loss.item():.6f}")


if __name__ == "__main__":
    main()
