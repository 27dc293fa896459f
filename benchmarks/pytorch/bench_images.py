#!/usr/bin/env python3
"""The PyTorch side of Lepton's image training benchmark (benchmarks/.../ImageTraining.java).

Two networks, batch 32, Adam 1e-3 (Keras's epsilon), random 64x64x3 images with random labels (only
the arithmetic is compared):

- seed_cnn, the seed article's CNN: Conv2D(32, 3, relu) -> MaxPool(2) -> Conv2D(64, 3, relu) ->
  MaxPool(2) -> Flatten -> Linear(128, relu) -> Linear(2); cross-entropy on the logits, pixels in [0, 1).
- small_xception, the network of Keras's "Image classification from scratch" example cut to two
  residual blocks: Rescaling(1/255) -> Conv2D(32, 3, strides 2, same) -> BatchNorm -> ReLU -> for size
  in (64, 128): [ReLU -> SeparableConv(size, 3, same) -> BatchNorm -> ReLU -> SeparableConv(size, 3,
  same) -> BatchNorm -> MaxPool(3, strides 2, same)] + Conv2D(size, 1, strides 2)(block input) ->
  global average pooling -> Dropout(0.25) -> Linear(1); binary cross-entropy on the logit, pixels in
  [0, 255). A separable convolution is a depthwise Conv2d (groups = channels, no bias) then a 1x1
  Conv2d; BatchNorm has Keras's momentum 0.99 and epsilon 1e-3. Padding "same" with stride 2 on even
  sizes is TensorFlow's (the extra zero at the bottom/right): F.pad(0, 1, 0, 1) before the
  convolution and the pooling (-inf for the pooling); with stride 1 it is symmetric.

Each model trains on --warmup-batches untimed batches, then on --batches timed ones; one JSON line
per model and dtype:
  {"framework": "pytorch", "dtype": "float64", "model": "small_xception", "images_per_s": ..., "batch_ms": ...}

Run with Debian's Python and PyTorch, unsetting the OpenBLAS overrides (see BENCHMARKS.md):
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench_images.py --threads 1
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench_images.py --threads 2
and report each dtype's best thread count (the BLAS under torch gets 1 thread unless --blas-threads
says otherwise).
"""
import argparse
import json
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
from threadpoolctl import threadpool_limits

SIZE, BATCH = 64, 32


def seed_cnn():
    return nn.Sequential(
        nn.Conv2d(3, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(64 * 14 * 14, 128), nn.ReLU(), nn.Linear(128, 2))


def bn(c):
    return nn.BatchNorm2d(c, eps=1e-3, momentum=0.01)


class SeparableConv(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.depthwise = nn.Conv2d(cin, cin, 3, padding=1, groups=cin, bias=False)
        self.pointwise = nn.Conv2d(cin, cout, 1)

    def forward(self, x):
        return self.pointwise(self.depthwise(x))


class Block(nn.Module):
    def __init__(self, cin, size):
        super().__init__()
        self.sep1, self.bn1 = SeparableConv(cin, size), bn(size)
        self.sep2, self.bn2 = SeparableConv(size, size), bn(size)
        self.residual = nn.Conv2d(cin, size, 1, stride=2)

    def forward(self, x):
        y = self.bn1(self.sep1(F.relu(x)))
        y = self.bn2(self.sep2(F.relu(y)))
        y = F.max_pool2d(F.pad(y, (0, 1, 0, 1), value=-math.inf), 3, 2)
        return y + self.residual(x)


class SmallXception(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem, self.bn = nn.Conv2d(3, 32, 3, stride=2), bn(32)
        self.block1, self.block2 = Block(32, 64), Block(64, 128)
        self.dropout = nn.Dropout(0.25)
        self.dense = nn.Linear(128, 1)

    def forward(self, x):
        x = F.relu(self.bn(self.stem(F.pad(x / 255.0, (0, 1, 0, 1)))))
        x = self.block2(self.block1(x))
        return self.dense(self.dropout(x.mean(dim=(2, 3))))


def train(model, optimizer, loss_fn, x, y):
    model.train()
    total = 0.0
    for i in range(0, len(x), BATCH):
        optimizer.zero_grad()
        loss = loss_fn(model(x[i:i + BATCH]), y[i:i + BATCH])
        loss.backward()
        optimizer.step()
        total += float(loss)
    return total / (len(x) // BATCH)


def run(name, dtype, batches, warmup_batches):
    """Warm-up batches, then the timed ones, on one model; the seed CNN's labels are class indices,
    the Xception's a float target column."""
    torch.manual_seed(0)
    if name == "seed_cnn":
        model, loss_fn, scale = seed_cnn().to(dtype), nn.CrossEntropyLoss(), 1.0
        labels = lambda n: (torch.rand(n * BATCH) < 0.5).long()
    elif name == "small_xception":
        model, loss_fn, scale = SmallXception().to(dtype), nn.BCEWithLogitsLoss(), 255.0
        labels = lambda n: (torch.rand(n * BATCH, 1) < 0.5).to(dtype)
    else:
        raise ValueError("bench_images.py: unknown model %s; expected seed_cnn or small_xception" % name)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    images = lambda n: torch.rand(n * BATCH, 3, SIZE, SIZE, dtype=dtype) * scale
    if warmup_batches > 0:
        train(model, optimizer, loss_fn, images(warmup_batches), labels(warmup_batches))
    x, y = images(batches), labels(batches)
    start = time.perf_counter()
    loss = train(model, optimizer, loss_fn, x, y)
    seconds = time.perf_counter() - start
    return {"framework": "pytorch", "dtype": str(dtype).replace("torch.", ""), "model": name,
            "images_per_s": round(batches * BATCH / seconds, 4), "batch_ms": round(1000 * seconds / batches, 4),
            "loss": round(loss, 4), "batches": batches, "parameters": sum(p.numel() for p in model.parameters())}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--models", default="seed_cnn,small_xception")
    parser.add_argument("--dtypes", default="float64,float32")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--blas-threads", type=int, default=1, help="OpenBLAS threads under torch's")
    parser.add_argument("--batches", type=int, default=10)
    parser.add_argument("--warmup-batches", type=int, default=5)
    args = parser.parse_args()
    if args.batches < 1 or args.warmup_batches < 0:
        parser.error("--batches must be at least 1 and --warmup-batches at least 0, got %d and %d"
                     % (args.batches, args.warmup_batches))
    torch.set_num_threads(args.threads)
    with threadpool_limits(args.blas_threads, user_api="blas"):
        for dtype_name in args.dtypes.split(","):
            for name in args.models.split(","):
                result = run(name, getattr(torch, dtype_name), args.batches, args.warmup_batches)
                result["threads"] = args.threads
                result["blas_threads"] = args.blas_threads
                print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
