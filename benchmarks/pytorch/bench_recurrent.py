#!/usr/bin/env python3
"""The PyTorch side of Lepton's recurrent training benchmark (benchmarks/.../RecurrentTraining.java).

Trains Embedding(1000, 64) -> LSTM(64) or GRU(64) -> Linear(64, 1), binary cross-entropy on the
last output, Adam 1e-3 (Keras's epsilon), batch 32, sequences of 50 token ids, for one epoch over
the same synthetic data as the Java side (SplitMix64 token ids; the label says whether more ids
are below 500 than above), in order, and prints one JSON object per measurement:
  {"framework": "pytorch", "dtype": "float64", "model": "lstm", "epoch_s": ..., "batch_ms": ...}

Run with Debian's Python and PyTorch, unsetting the OpenBLAS overrides (see BENCHMARKS.md):
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench_recurrent.py --threads 1
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench_recurrent.py --threads 2
(the BLAS under torch gets 1 thread unless --blas-threads says otherwise: 2 torch threads over 2
OpenBLAS threads compete for the 2 cores; try both thread counts and report the best).
"""
import argparse
import json
import time

import torch
import torch.nn as nn
from threadpoolctl import threadpool_limits

VOCABULARY, STEPS, EMBEDDING, UNITS, BATCH = 1000, 50, 64, 64, 32
MASK = (1 << 64) - 1


def data(sequences):
    """SplitMix64 from 42, exactly as RecurrentTraining.data."""
    state = 42
    ids, labels = [], []
    for _ in range(sequences):
        row = []
        for _ in range(STEPS):
            state = (state + 0x9E3779B97F4A7C15) & MASK
            z = state
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            z ^= z >> 31
            row.append(1 + z % (VOCABULARY - 1))
        ids.append(row)
        labels.append(1.0 if 2 * sum(1 for i in row if i < VOCABULARY // 2) > STEPS else 0.0)
    return torch.tensor(ids), torch.tensor(labels).reshape(-1, 1)


class Classifier(nn.Module):
    def __init__(self, kind):
        super().__init__()
        self.embedding = nn.Embedding(VOCABULARY, EMBEDDING)
        self.rnn = {"lstm": nn.LSTM, "gru": nn.GRU}[kind](EMBEDDING, UNITS, batch_first=True)
        self.dense = nn.Linear(UNITS, 1)

    def forward(self, ids):
        out, _ = self.rnn(self.embedding(ids))
        return self.dense(out[:, -1])


def train_epoch(model, ids, labels):
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = nn.BCEWithLogitsLoss()
    model.train()
    total = 0.0
    for i in range(0, len(ids), BATCH):
        optimizer.zero_grad()
        loss = loss_fn(model(ids[i:i + BATCH]), labels[i:i + BATCH])
        loss.backward()
        optimizer.step()
        total += float(loss)
    return total / (len(ids) // BATCH)


def run(kind, dtype, ids, labels, seed, warmup_epochs):
    y = labels.to(dtype)
    for _ in range(warmup_epochs):
        torch.manual_seed(seed)
        train_epoch(Classifier(kind).to(dtype), ids, y)
    torch.manual_seed(seed)
    model = Classifier(kind).to(dtype)
    start = time.perf_counter()
    loss = train_epoch(model, ids, y)
    epoch = time.perf_counter() - start
    return {"framework": "pytorch", "dtype": str(dtype).replace("torch.", ""), "model": kind, "epoch_s": epoch,
            "batch_ms": 1000 * epoch / (len(ids) // BATCH), "loss": loss}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--models", default="lstm,gru")
    parser.add_argument("--dtypes", default="float64,float32")
    parser.add_argument("--sequences", type=int, default=3200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--warmup-epochs", type=int, default=1)
    parser.add_argument("--blas-threads", type=int, default=1, help="OpenBLAS threads under torch's")
    args = parser.parse_args()
    ids, labels = data(args.sequences)
    torch.set_num_threads(args.threads)
    with threadpool_limits(args.blas_threads, user_api="blas"):
        for dtype_name in args.dtypes.split(","):
            for kind in args.models.split(","):
                result = run(kind, getattr(torch, dtype_name), ids, labels, args.seed, args.warmup_epochs)
                result["threads"] = args.threads
                result["blas_threads"] = args.blas_threads
                result["warmup_epochs"] = args.warmup_epochs
                print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
