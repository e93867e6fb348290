"""The PyTorch side of bench/engine-vs-pytorch: the project's VLM (the PyTorch twin of
Tests/ModelTests/Fixtures/make_pytorch_reference.py, same architecture and parameter names),
trained eagerly from the model directory and batches that `engine-bench export` wrote.

Usage: python train_vlm.py <dir> [--steps N] [--warmup N] [--threads N]
Prints "RESULT pytorch <key> <value>" lines.
"""
import argparse
import importlib.util
import json
import math
import os
import time

import torch
import torch.nn.functional as F
from safetensors import safe_open
from safetensors.torch import load_file

TWIN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Tests", "ModelTests", "Fixtures",
                    "make_pytorch_reference.py")


def load_twin():
    """The twin module (its VLM class takes the model's config.json as a dict)."""
    spec = importlib.util.spec_from_file_location("vlm_twin", TWIN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def memory_mib(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("directory")
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)

    with open(os.path.join(args.directory, "config.json")) as f:
        config = json.load(f)
    model = load_twin().VLM(config)
    model.load_state_dict(load_file(os.path.join(args.directory, "model.safetensors")), strict=True)

    data_path = os.path.join(args.directory, "data.safetensors")
    with safe_open(data_path, "pt") as f:
        decayed = set(f.metadata()["decayed"].split(","))
    data = load_file(data_path)
    batches = []
    for i in range(len([k for k in data if k.endswith(".images")])):
        tokens, weights = data[f"{i}.tokens"].long(), data[f"{i}.weights"]
        # Text position t predicts token t + 1 where that token has a loss weight (answers, <eos>).
        targets = torch.where(weights[:, 1:] > 0, tokens[:, 1:], torch.full_like(tokens[:, 1:], -100))
        batches.append((data[f"{i}.images"], tokens, targets))
    batch_size = batches[0][1].shape[0]

    named = list(model.named_parameters())
    assert decayed <= {n for n, _ in named}, "decayed names do not match the twin's parameters"
    groups = [
        {"params": [p for n, p in named if n in decayed], "weight_decay": 0.1},
        {"params": [p for n, p in named if n not in decayed], "weight_decay": 0.0},
    ]
    optimizer = torch.optim.AdamW(groups, lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
    total, warm = args.warmup + args.steps, 2

    def lr(step):  # WarmupCosineSchedule(peak: 1e-3, minimum: 1e-4, warmupSteps: 2, totalSteps: total)
        if step < warm:
            return 1e-3 * (step + 1) / warm
        progress = (step - warm) / (total - warm)
        return 1e-4 + (1e-3 - 1e-4) * 0.5 * (1 + math.cos(math.pi * progress))

    losses, rss_first = [], 0.0

    def step(s):
        nonlocal rss_first
        images, tokens, targets = batches[s % len(batches)]
        logits = model(images, tokens)[:, :-1]
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1), ignore_index=-100)
        optimizer.zero_grad(set_to_none=False)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        for group in optimizer.param_groups:
            group["lr"] = lr(s)
        optimizer.step()
        losses.append(loss.item())
        if s == 0:
            rss_first = memory_mib("VmRSS")

    for s in range(args.warmup):
        step(s)
    start = time.perf_counter()
    for s in range(args.warmup, total):
        step(s)
    elapsed = time.perf_counter() - start

    result = lambda key, value: print(f"RESULT pytorch {key} {value}", flush=True)
    result("parameters", sum(p.numel() for p in model.parameters()))
    result("losses", ",".join(f"{l:.5f}" for l in losses))
    result("samples_per_second", f"{args.steps * batch_size / elapsed:.2f}")
    result("seconds_per_step", f"{elapsed / max(args.steps, 1):.4f}")
    result("rss_after_first_step_mib", f"{rss_first:.1f}")
    result("rss_end_mib", f"{memory_mib('VmRSS'):.1f}")
    result("peak_rss_mib", f"{memory_mib('VmHWM'):.1f}")


if __name__ == "__main__":
    main()
