#!/usr/bin/env python3
"""The PyTorch side of Lepton's end-to-end benchmark (see docs/performance.md).

Trains the same two models as benchmarks/.../EndToEnd.java for one epoch on Fashion-MNIST
(batch 32, Adam 1e-3) and prints one JSON object per measurement on stdout:
  {"framework": "pytorch", "dtype": "float64", "model": "cnn", "epoch_s": ..., ...}
Also times DGEMM 1024^2 through numpy (OpenBLAS) on 1 and 2 threads, unless --no-gemm.

Run with Debian's Python and PyTorch, in PyTorch's best setting on this machine:
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench.py --data /usr/share/datasets/fashion-mnist
"""
import argparse
import gzip
import json
import math
import resource
import statistics
import struct
import time

import numpy as np
import torch
import torch.nn as nn
from threadpoolctl import threadpool_limits


def read_idx(path):
    with gzip.open(path, "rb") as f:
        magic, count = struct.unpack(">II", f.read(8))
        if magic == 0x803:
            rows, cols = struct.unpack(">II", f.read(8))
            return np.frombuffer(f.read(), dtype=np.uint8).reshape(count, rows, cols)
        return np.frombuffer(f.read(), dtype=np.uint8)


def models():
    mlp = nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
    cnn = nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(64 * 5 * 5, 128), nn.ReLU(), nn.Linear(128, 10))
    return {"mlp": mlp, "cnn": cnn}


def train_epoch(model, xt, yt, batch, seed):
    """One epoch of Adam 1e-3 (Keras's epsilon) over a shuffled order, as Lepton's fit does."""
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(seed)
    order = torch.randperm(len(xt), generator=generator)
    model.train()
    for i in range(0, len(xt), batch):
        idx = order[i:i + batch]
        optimizer.zero_grad()
        loss = loss_fn(model(xt[idx]), yt[idx])
        loss.backward()
        optimizer.step()


def latency_us(model, xe, n):
    """Microseconds of each of n single-image predicts, cycling through the test images, after a
    tenth as many untimed ones: what EndToEnd --latency-n and the TensorFlow Java peer time."""
    with torch.no_grad():
        for i in range(max(1, n // 10)):
            model(xe[i % len(xe):i % len(xe) + 1]).numpy()
        times = []
        for i in range(n):
            k = i % len(xe)
            start = time.perf_counter()
            model(xe[k:k + 1]).numpy()
            times.append((time.perf_counter() - start) * 1e6)
    return sorted(times)


def percentile(sorted_values, p):
    """The nearest-rank percentile."""
    return sorted_values[max(0, math.ceil(p / 100 * len(sorted_values)) - 1)]


def run(name, model, dtype, x_train, y_train, x_test, y_test, batch, seed, warmup_epochs, latency_n):
    xt = torch.tensor(x_train, dtype=dtype)
    yt = torch.tensor(y_train, dtype=torch.long)
    for _ in range(warmup_epochs):
        # A throwaway copy, trained untimed, as EndToEnd --warmup-epochs does.
        torch.manual_seed(seed)
        train_epoch(models()[name].to(dtype), xt, yt, batch, seed)
    model = model.to(dtype)
    start = time.perf_counter()
    train_epoch(model, xt, yt, batch, seed)
    epoch = time.perf_counter() - start
    model.eval()
    xe = torch.tensor(x_test, dtype=dtype)
    result = {"framework": "pytorch", "dtype": str(dtype).replace("torch.", ""), "model": name,
              "epoch_s": epoch, "samples_per_s": len(xt) / epoch}
    with torch.no_grad():
        for infer_batch in (100, 1000):
            start = time.perf_counter()
            predictions = torch.cat([model(xe[i:i + infer_batch]).argmax(1) for i in range(0, len(xe), infer_batch)])
            result["infer_images_per_s_b%d" % infer_batch] = len(xe) / (time.perf_counter() - start)
    result["test_accuracy"] = float((predictions.numpy() == y_test).mean())
    times = latency_us(model, xe, latency_n)
    result["latency_p50_us"] = percentile(times, 50)
    result["latency_p99_us"] = percentile(times, 99)
    result["latency_n"] = latency_n
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def gemm(threads, n=1024, warmup_s=3.0, measure_s=5.0):
    """Median time of a 1024² product, timed as JMH times Lepton's: products for warmup_s seconds
    untimed, then every product of the next measure_s seconds."""
    a = np.random.default_rng(0).standard_normal((n, n))
    b = np.random.default_rng(1).standard_normal((n, n))
    with threadpool_limits(threads, user_api="blas"):
        end = time.perf_counter() + warmup_s
        while time.perf_counter() < end:
            a @ b
        times = []
        end = time.perf_counter() + measure_s
        while time.perf_counter() < end:
            start = time.perf_counter()
            a @ b
            times.append(time.perf_counter() - start)
    return {"framework": "numpy-openblas", "model": "gemm%d" % n, "threads": threads,
            "gflops": 2 * n ** 3 / statistics.median(times) / 1e9}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--models", default="mlp,cnn", help="empty: only the GEMM")
    parser.add_argument("--dtypes", default="float64,float32")
    parser.add_argument("--seed", type=int, default=0, help="initialisation and shuffling seed")
    parser.add_argument("--warmup-epochs", type=int, default=0,
                        help="untimed epochs of a throwaway copy of each model before the timed one")
    parser.add_argument("--latency-n", type=int, default=10000,
                        help="single-image predicts timed for the serving latency (p50, p99)")
    parser.add_argument("--no-gemm", action="store_true", help="leave out the numpy GEMM timing")
    args = parser.parse_args()
    if args.latency_n < 1:
        parser.error("--latency-n must be at least 1, got %d" % args.latency_n)
    if not args.no_gemm:
        for threads in (1, 2):
            print(json.dumps(gemm(threads)), flush=True)
    names = [name for name in args.models.split(",") if name]
    if not names:
        return
    x_train = read_idx(args.data + "/train-images-idx3-ubyte.gz").reshape(-1, 1, 28, 28) / 255.0
    y_train = read_idx(args.data + "/train-labels-idx1-ubyte.gz")
    x_test = read_idx(args.data + "/t10k-images-idx3-ubyte.gz").reshape(-1, 1, 28, 28) / 255.0
    y_test = read_idx(args.data + "/t10k-labels-idx1-ubyte.gz")
    # PyTorch's best setting here: its own threads, and a single-threaded BLAS under it.
    torch.set_num_threads(args.threads)
    with threadpool_limits(1, user_api="blas"):
        for dtype_name in args.dtypes.split(","):
            for name in names:
                torch.manual_seed(args.seed)
                model = models()[name]
                result = run(name, model, getattr(torch, dtype_name), x_train, y_train, x_test, y_test, 32, args.seed,
                             args.warmup_epochs, args.latency_n)
                result["threads"] = args.threads
                result["seed"] = args.seed
                result["warmup_epochs"] = args.warmup_epochs
                print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
