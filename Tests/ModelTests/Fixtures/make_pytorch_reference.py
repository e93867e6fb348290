"""Writes the PyTorch reference of the model tests: an independent implementation of the VLM in
docs/model.md, with random weights, saved as a model directory the Swift side must load
(config.json, tokenizer.json, model.safetensors), plus inputs and the expected logits, loss and
greedy answers (reference.safetensors).

Usage: python make_pytorch_reference.py <output folder> [seed] [image height]   (needs torch and
safetensors; an image height other than the width, 16, makes a non-square model)
"""
import json
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import save_file

CONFIG = dict(imageSize=16, patchSize=4, stemChannels=[5], visionWidth=16, visionLayers=2, visionHeads=2, shuffle=2,
              decoderWidth=24, decoderLayers=2, decoderHeads=3, mlpRatio=2, promptLength=5,
              maxTextLength=24, dropout=0.0, imageMean=[0.5, 0.5, 0.5], imageStd=[0.25, 0.25, 0.25])
WORDS = ["inspect", "juice_bottle", "pushpins", "verdict:", "normal", "anomaly", "count", "->", "ok"]
BINS = 8
TOKENS = (["<pad>", "<bos>", "<eos>", "<unk>", "<image>", "<nl>"] + [f"<loc_{i}>" for i in range(BINS)]
          + [str(d) for d in range(10)] + [f"##{d}" for d in range(10)] + WORDS)
PAD, BOS, EOS = 0, 1, 2
CONFIG["vocabularySize"] = len(TOKENS)


class Attention(nn.Module):
    def __init__(self, c, heads):
        super().__init__()
        self.heads = heads
        self.query, self.key, self.value, self.output = (nn.Linear(c, c) for _ in range(4))

    def forward(self, x, mask):
        b, t, c = x.shape
        split = lambda y: y.view(b, t, self.heads, c // self.heads).transpose(1, 2)
        a = F.scaled_dot_product_attention(split(self.query(x)), split(self.key(x)), split(self.value(x)), attn_mask=mask)
        return self.output(a.transpose(1, 2).reshape(b, t, c))


class MLP(nn.Module):
    def __init__(self, c, hidden):
        super().__init__()
        self.up, self.down = nn.Linear(c, hidden), nn.Linear(hidden, c)

    def forward(self, x):
        return self.down(F.gelu(self.up(x), approximate="tanh"))


class Block(nn.Module):
    def __init__(self, c, heads, ratio):
        super().__init__()
        self.attention_norm, self.mlp_norm = nn.LayerNorm(c), nn.LayerNorm(c)
        self.attention, self.mlp = Attention(c, heads), MLP(c, ratio * c)

    def forward(self, x, mask):
        x = x + self.attention(self.attention_norm(x), mask)
        return x + self.mlp(self.mlp_norm(x))


def grid(k):
    """Rows and columns of the patch grid."""
    return k.get("imageHeight", k["imageSize"]) // k["patchSize"], k["imageSize"] // k["patchSize"]


def image_tokens(k):
    rows, columns = grid(k)
    return (rows // k["shuffle"]) * (columns // k["shuffle"])


class Vision(nn.Module):
    def __init__(self, k):
        super().__init__()
        rows, columns = grid(k)
        channels = [3] + list(k.get("stemChannels") or [])
        # The stem: 3 x 3 convolutions of stride 2 and padding 1, each followed by tanh-GELU.
        self.stem = nn.ModuleList(nn.Conv2d(i, o, 3, stride=2, padding=1) for i, o in zip(channels, channels[1:]))
        patch = k["patchSize"] // 2 ** len(self.stem)
        self.patch_embedding = nn.Conv2d(channels[-1], k["visionWidth"], patch, stride=patch)
        self.row_embedding = nn.Parameter(torch.zeros(rows, k["visionWidth"]))
        self.column_embedding = nn.Parameter(torch.zeros(columns, k["visionWidth"]))
        self.blocks = nn.ModuleList(Block(k["visionWidth"], k["visionHeads"], k["mlpRatio"]) for _ in range(k["visionLayers"]))
        self.norm = nn.LayerNorm(k["visionWidth"])

    def forward(self, images):
        for conv in self.stem:
            images = F.gelu(conv(images), approximate="tanh")
        x = self.patch_embedding(images).flatten(2).transpose(1, 2)          # [B, R*C, W], row-major grid
        x = x + (self.row_embedding[:, None, :] + self.column_embedding[None, :, :]).reshape(x.shape[1], -1)
        for block in self.blocks:
            x = block(x, None)
        return self.norm(x)


class Decoder(nn.Module):
    def __init__(self, k):
        super().__init__()
        self.token_embedding = nn.Parameter(torch.zeros(k["vocabularySize"], k["decoderWidth"]))
        self.position_embedding = nn.Parameter(torch.zeros(image_tokens(k) + k["maxTextLength"], k["decoderWidth"]))
        self.blocks = nn.ModuleList(Block(k["decoderWidth"], k["decoderHeads"], k["mlpRatio"]) for _ in range(k["decoderLayers"]))
        self.norm = nn.LayerNorm(k["decoderWidth"])


class VLM(nn.Module):
    def __init__(self, k):
        super().__init__()
        self.k = k
        self.vision = Vision(k)
        self.projector = nn.Linear(k["shuffle"] ** 2 * k["visionWidth"], k["decoderWidth"], bias=False)
        self.decoder = Decoder(k)
        self.image_tokens = image_tokens(k)
        self.prefix = self.image_tokens + k["promptLength"]

    def forward(self, images, text):
        """Next-token logits [B, T, V] of the text positions."""
        v = self.vision(images)
        b, n, c = v.shape
        r, (rows, columns) = self.k["shuffle"], grid(self.k)
        v = v.reshape(b, rows // r, r, columns // r, r, c).permute(0, 1, 3, 2, 4, 5).reshape(b, -1, r * r * c)
        length = self.image_tokens + text.shape[1]
        x = torch.cat([self.projector(v), self.decoder.token_embedding[text]], dim=1) + self.decoder.position_embedding[:length]
        i = torch.arange(length)[:, None]
        j = torch.arange(length)[None, :]
        mask = j <= torch.clamp(i, min=self.prefix - 1)                         # prefix-LM
        for block in self.decoder.blocks:
            x = block(x, mask)
        return self.decoder.norm(x)[:, self.image_tokens:] @ self.decoder.token_embedding.T


def text_row(prompt, answer, length, end=True):
    row = [BOS] + prompt + [PAD] * (CONFIG["promptLength"] - 1 - len(prompt)) + answer + ([EOS] if end else [])
    return row + [PAD] * (length - len(row))


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(int(sys.argv[2]) if len(sys.argv) > 2 else 0)
    if len(sys.argv) > 3 and int(sys.argv[3]) != CONFIG["imageSize"]:
        CONFIG["imageHeight"] = int(sys.argv[3])
    model = VLM(CONFIG).double()
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(torch.randn_like(p).mul(0.2).float().double())   # float32 values, as stored
    ids = {t: i for i, t in enumerate(TOKENS)}
    prompts = [[ids["inspect"], ids["juice_bottle"]], [ids["inspect"], ids["pushpins"], ids["count"]]]
    answers = [[ids["count"], ids["3"], ids["->"], ids["ok"]], [ids["<loc_2>"], ids["<loc_7>"], ids["->"], ids["anomaly"], ids["verdict:"], ids["anomaly"]]]
    t = CONFIG["promptLength"] + max(len(a) for a in answers) + 1
    tokens = torch.tensor([text_row(p, a, t) for p, a in zip(prompts, answers)])
    images = torch.randn(2, 3, CONFIG.get("imageHeight", CONFIG["imageSize"]), CONFIG["imageSize"]).double()
    with torch.no_grad():
        logits = model(images, tokens)
        weights = torch.zeros_like(tokens, dtype=torch.float64)
        for s, a in enumerate(answers):
            weights[s, CONFIG["promptLength"]:CONFIG["promptLength"] + len(a) + 1] = 1
        targets = torch.where(weights[:, 1:] > 0, tokens[:, 1:], torch.full_like(tokens[:, 1:], -100))
        loss = F.cross_entropy(logits[:, :-1].reshape(-1, logits.shape[-1]), targets.reshape(-1), ignore_index=-100)
        # Greedy answers by full recompute, up to 12 tokens.
        greedy, margin = [], float("inf")
        for s, p in enumerate(prompts):
            answer = []
            while len(answer) < 12:
                row = torch.tensor([text_row(p, answer, CONFIG["promptLength"] + len(answer), end=False)])
                step = model(images[s:s + 1], row)[0, -1]
                token = int(step.argmax())
                top = step.topk(2).values
                margin = min(margin, float(top[0] - top[1]))
                if token == EOS:
                    break
                answer.append(token)
            greedy.append(answer + [-1] * (12 - len(answer)))

    state = {name: p.detach().float().contiguous() for name, p in model.state_dict().items()}
    save_file(state, os.path.join(out, "model.safetensors"))
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(CONFIG, f, indent=2, sort_keys=True)
    with open(os.path.join(out, "tokenizer.json"), "w") as f:
        json.dump({"locationBins": BINS, "tokens": TOKENS}, f, indent=2)
    flat = lambda rows: torch.tensor([x for r in rows for x in r] , dtype=torch.float32)
    save_file({
        "images": images.float().contiguous(),
        "prompt_lengths": torch.tensor([len(p) for p in prompts], dtype=torch.float32),
        "prompts": flat([p + [-1] * (4 - len(p)) for p in prompts]),
        "answer_lengths": torch.tensor([len(a) for a in answers], dtype=torch.float32),
        "answers": flat([a + [-1] * (8 - len(a)) for a in answers]),
        "tokens": tokens.float().contiguous(),
        "logits": logits.float().contiguous(),
        "loss": loss.float().reshape(1),
        "greedy": torch.tensor(greedy, dtype=torch.float32),
    }, os.path.join(out, "reference.safetensors"))
    print("logits", tuple(logits.shape), "loss", float(loss), "greedy", greedy, "smallest top-2 logit gap", margin)


if __name__ == "__main__":
    main()
