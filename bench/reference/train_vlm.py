"""The PyTorch side of bench/engine-vs-pytorch: the benchmark VLM of
bench/Sources/EngineBench/BenchVLM.swift (same architecture, same parameter names), trained
eagerly on the weights and batches that `engine-bench export` wrote.

Usage: python train_vlm.py <file> [--steps N] [--warmup N] [--threads N]
Prints "RESULT pytorch <key> <value>" lines.
"""
import argparse
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import load_file

IMAGE, PATCH, CHANNELS = 64, 8, 3
VISION_WIDTH, VISION_LAYERS = 192, 3
WIDTH, LAYERS, HEADS = 192, 4, 4
VOCAB, TEXT, PROMPT, BATCH = 512, 64, 16, 32
IMAGE_TOKENS = (IMAGE // PATCH) ** 2
SEQUENCE = IMAGE_TOKENS + TEXT
PREFIX = IMAGE_TOKENS + PROMPT


class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(c), nn.LayerNorm(c)
        self.q, self.k, self.v, self.o = (nn.Linear(c, c) for _ in range(4))
        self.fc1, self.fc2 = nn.Linear(c, 4 * c), nn.Linear(4 * c, c)

    def forward(self, x, mask):
        b, t, c = x.shape
        h = self.ln1(x)
        split = lambda y: y.view(b, t, HEADS, c // HEADS).transpose(1, 2)
        a = F.scaled_dot_product_attention(split(self.q(h)), split(self.k(h)), split(self.v(h)), attn_mask=mask)
        x = x + self.o(a.transpose(1, 2).reshape(b, t, c))
        return x + self.fc2(F.gelu(self.fc1(self.ln2(x)), approximate="tanh"))


class ViT(nn.Module):
    def __init__(self):
        super().__init__()
        self.patch = nn.Conv2d(CHANNELS, VISION_WIDTH, PATCH, stride=PATCH)
        self.pos = nn.Parameter(torch.zeros(IMAGE_TOKENS, VISION_WIDTH))
        self.blocks = nn.ModuleList(Block(VISION_WIDTH) for _ in range(VISION_LAYERS))
        self.ln = nn.LayerNorm(VISION_WIDTH)


class Decoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Parameter(torch.zeros(VOCAB, WIDTH))
        self.pos = nn.Parameter(torch.zeros(SEQUENCE, WIDTH))
        self.blocks = nn.ModuleList(Block(WIDTH) for _ in range(LAYERS))
        self.ln = nn.LayerNorm(WIDTH)
        self.head = nn.Linear(WIDTH, VOCAB, bias=False)


class VLM(nn.Module):
    def __init__(self):
        super().__init__()
        self.vit, self.proj, self.dec = ViT(), nn.Linear(VISION_WIDTH, WIDTH), Decoder()
        i = torch.arange(SEQUENCE).view(-1, 1)
        j = torch.arange(SEQUENCE).view(1, -1)
        self.register_buffer("prefix_mask", (j <= i) | ((i < PREFIX) & (j < PREFIX)), persistent=False)

    def forward(self, images, tokens, targets):
        v = self.vit.patch(images).flatten(2).transpose(1, 2) + self.vit.pos
        for block in self.vit.blocks:
            v = block(v, None)
        image_tokens = self.proj(self.vit.ln(v))
        x = torch.cat([image_tokens, F.embedding(tokens, self.dec.embed)], dim=1) + self.dec.pos
        for block in self.dec.blocks:
            x = block(x, self.prefix_mask)
        logits = self.dec.head(self.dec.ln(x))
        return F.cross_entropy(logits.view(-1, VOCAB), targets.view(-1), ignore_index=-100)


def targets_for(tokens):
    targets = torch.full((BATCH, SEQUENCE), -100, dtype=torch.long)
    targets[:, PREFIX - 1 : SEQUENCE - 1] = tokens[:, PREFIX - IMAGE_TOKENS :]
    return targets


def memory_mib(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)

    stored = load_file(args.file)
    model = VLM()
    model.load_state_dict({k[len("param."):]: v for k, v in stored.items() if k.startswith("param.")}, strict=True)
    batches = []
    for i in range(4):
        tokens = stored[f"data.{i}.tokens"].long()
        batches.append((stored[f"data.{i}.images"], tokens, targets_for(tokens)))

    no_decay = lambda name, p: p.dim() < 2 or name.endswith(".pos") or name.endswith(".embed")
    named = sorted(model.named_parameters())
    groups = [
        {"params": [p for n, p in named if not no_decay(n, p)], "weight_decay": 0.1},
        {"params": [p for n, p in named if no_decay(n, p)], "weight_decay": 0.0},
    ]
    optimizer = torch.optim.AdamW(groups, lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
    total, warm = args.warmup + args.steps, 2

    def lr(step):
        if step < warm:
            return 1e-3 * (step + 1) / warm
        progress = (step - warm) / (total - warm)
        return 1e-4 + (1e-3 - 1e-4) * 0.5 * (1 + math.cos(math.pi * progress))

    losses, rss_first = [], 0.0

    def step(s):
        nonlocal rss_first
        images, tokens, targets = batches[s % 4]
        loss = model(images, tokens, targets)
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
    result("samples_per_second", f"{args.steps * BATCH / elapsed:.2f}")
    result("seconds_per_step", f"{elapsed / max(args.steps, 1):.4f}")
    result("rss_after_first_step_mib", f"{rss_first:.1f}")
    result("rss_end_mib", f"{memory_mib('VmRSS'):.1f}")
    result("peak_rss_mib", f"{memory_mib('VmHWM'):.1f}")


if __name__ == "__main__":
    main()
