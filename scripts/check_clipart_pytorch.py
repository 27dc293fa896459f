#!/usr/bin/env python3
"""An independent check of the accuracy docs/15-image-classification-from-scratch.md states: the same
small Xception, data and recipe in PyTorch float32, written with Keras's semantics (BatchNormalization
momentum 0.9, i.e. torch momentum 0.1, epsilon 1e-3; TensorFlow's "same" padding with stride 2;
Glorot-uniform kernels and zero biases; Adam 1e-3 with epsilon 1e-7; RandomFlip("horizontal") and
RandomRotation(0.1) with reflection after Rescaling(1/255), in training only; Dropout 0.25; batch 32),
trained on random 320/80 splits of data/clipart (one per seed; Lepton's split differs, so only the
range of the accuracies compares). Prints the validation accuracy after each epoch, one line per seed.
Run: env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 scripts/check_clipart_pytorch.py 5 1,2,3
(arguments: epochs, comma-separated seeds).
"""
import glob
import math
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "clipart")
EPOCHS = int(sys.argv[1])
SEEDS = [int(s) for s in sys.argv[2].split(",")]
torch.set_num_threads(1)

xs, ys = [], []
for label, name in enumerate(["animals", "food"]):
    for f in sorted(glob.glob(os.path.join(ROOT, name, "*.png"))):
        xs.append(np.asarray(Image.open(f).convert("RGB"), dtype=np.float32))
        ys.append(label)
X = torch.tensor(np.stack(xs)).permute(0, 3, 1, 2).contiguous()
Y = torch.tensor(ys, dtype=torch.float32).unsqueeze(1)


def bn(c):
    return nn.BatchNorm2d(c, eps=1e-3, momentum=0.1)


class Sep(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.d = nn.Conv2d(cin, cin, 3, padding=1, groups=cin, bias=False)
        self.p = nn.Conv2d(cin, cout, 1)

    def forward(self, x):
        return self.p(self.d(x))


class Block(nn.Module):
    def __init__(self, cin, size):
        super().__init__()
        self.s1, self.b1, self.s2, self.b2 = Sep(cin, size), bn(size), Sep(size, size), bn(size)
        self.r = nn.Conv2d(cin, size, 1, stride=2)

    def forward(self, x):
        y = self.b1(self.s1(F.relu(x)))
        y = self.b2(self.s2(F.relu(y)))
        y = F.max_pool2d(F.pad(y, (0, 1, 0, 1), value=-math.inf), 3, 2)
        return y + self.r(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem, self.bn = nn.Conv2d(3, 32, 3, stride=2), bn(32)
        self.b1, self.b2 = Block(32, 64), Block(64, 128)
        self.drop, self.dense = nn.Dropout(0.25), nn.Linear(128, 1)
        for m in self.modules():  # Keras initializers: glorot uniform kernels, zero biases
            if isinstance(m, (nn.Conv2d, nn.Linear)):
                nn.init.xavier_uniform_(m.weight)
                if m.bias is not None:
                    nn.init.zeros_(m.bias)

    def forward(self, x):
        x = x / 255.0
        if self.training:
            x = augment(x)
        x = F.relu(self.bn(self.stem(F.pad(x, (0, 1, 0, 1)))))
        x = self.b2(self.b1(x))
        return self.dense(self.drop(x.mean(dim=(2, 3))))


def augment(x):
    n = x.shape[0]
    flip = torch.rand(n) < 0.5
    x = torch.where(flip[:, None, None, None], x.flip(3), x)
    a = (torch.rand(n) * 2 - 1) * 0.1 * 2 * math.pi
    theta = torch.zeros(n, 2, 3)
    theta[:, 0, 0], theta[:, 0, 1], theta[:, 1, 0], theta[:, 1, 1] = a.cos(), -a.sin(), a.sin(), a.cos()
    grid = F.affine_grid(theta, x.shape, align_corners=True)
    return F.grid_sample(x, grid, mode="bilinear", padding_mode="reflection", align_corners=True)


for seed in SEEDS:
    torch.manual_seed(seed)
    perm = torch.randperm(len(X))
    val, tr = perm[:80], perm[80:]
    model = Net()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    accs = []
    for epoch in range(EPOCHS):
        model.train()
        order = tr[torch.randperm(len(tr))]
        for i in range(0, len(order), 32):
            b = order[i:i + 32]
            opt.zero_grad()
            F.binary_cross_entropy_with_logits(model(X[b]), Y[b]).backward()
            opt.step()
        model.eval()
        with torch.no_grad():
            accs.append(float(((model(X[val]) > 0).float() == Y[val]).float().mean()))
    print(f"seed {seed}: " + " ".join(f"{a:.3f}" for a in accs), flush=True)
