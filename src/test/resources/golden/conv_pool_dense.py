#!/usr/bin/python3
"""Golden values for Conv2D -> MaxPooling2D -> Flatten -> Dense, trained with Adam, from PyTorch.

Writes conv_pool_dense.json next to this script, read by ConvPoolDenseGoldenTest. An implementation
independent of Lepton: PyTorch 1.13 in float64, with Keras 3's formulas where PyTorch's differ:

- "same" padding is TensorFlow's: total = max((out - 1) * stride + kernel - in, 0) with
  out = ceil(in / stride), floor(total / 2) before and the rest after (PyTorch pads evenly);
  max pooling pads with -inf, so that padding never wins;
- Flatten reads the channels-last (batch, h, w, c) map in that order;
- the weights are Keras's glorot_uniform, U(-limit, limit) with limit = sqrt(6 / (fan_in + fan_out))
  (a conv kernel (kh, kw, c, f) has fan_in = kh*kw*c, fan_out = kh*kw*f), drawn here from a fixed
  numpy seed; the biases start at zero, as Keras's do;
- the loss is categorical cross-entropy, the batch mean of -sum(y * log softmax(logits)). Keras
  computes it from probabilities clipped to [1e-7, 1 - 1e-7]; the script checks that no
  probability comes near those bounds, so the clipping changes nothing;
- Adam is Keras's (keras/src/optimizers/adam.py): m += (g - m)(1 - beta_1),
  v += (g^2 - v)(1 - beta_2), w -= alpha m / (sqrt(v) + epsilon) with
  alpha = lr sqrt(1 - beta_2^t) / (1 - beta_1^t) and epsilon = 1e-7 outside the square root
  (PyTorch's Adam puts its bias correction elsewhere and defaults to 1e-8).

Three cases, one per convolution algorithm Lepton may choose for the geometry: 3x3 stride 1 over
8 channels (Winograd), 3x3 stride 2 "same" over 8 channels (im2col, with TensorFlow's uneven
padding), 3x3 stride 2 "same" over 2 channels (direct sums). Each trains STEPS full-batch steps and
records the loss before each step, the first step's gradients and the weights after the last.

Run: /usr/bin/python3 src/test/resources/golden/conv_pool_dense.py
"""
import json
import math
import os
import re

import numpy as np
import torch
import torch.nn.functional as F

STEPS = 3
LEARNING_RATE = 0.01
BETA_1 = 0.9
BETA_2 = 0.999
EPSILON = 1e-7
CLIP = 1e-7

CASES = [
    # name, x shape (n, h, w, c), filters, kernel, conv stride, conv padding, pool, pool stride, pool padding, units
    ("winograd", (5, 7, 7, 8), 6, 3, 1, "same", 2, 2, "same", 3),
    ("im2col", (5, 8, 8, 8), 4, 3, 2, "same", 2, 2, "valid", 3),
    ("direct", (6, 8, 8, 2), 5, 3, 2, "same", 2, 1, "valid", 4),
]


def tf_pads(size, kernel, stride, padding):
    """TensorFlow's (before, after) padding along one axis."""
    if padding == "valid":
        return 0, 0
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


def pad_nchw(t, kernel, stride, padding, value):
    top, bottom = tf_pads(t.shape[2], kernel, stride, padding)
    left, right = tf_pads(t.shape[3], kernel, stride, padding)
    return F.pad(t, (left, right, top, bottom), value=value)


def glorot_uniform(rng, shape, fan_in, fan_out):
    limit = math.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, size=shape)


def forward(x, weights, case):
    _, _, filters, kernel, stride, padding, pool, pool_stride, pool_padding, _ = case
    conv_kernel, conv_bias, dense_kernel, dense_bias = weights
    h = x.permute(0, 3, 1, 2)                                    # NHWC -> NCHW
    h = pad_nchw(h, kernel, stride, padding, 0.0)
    h = F.conv2d(h, conv_kernel.permute(3, 2, 0, 1), conv_bias, stride=stride)   # (kh, kw, c, f) -> (f, c, kh, kw)
    h = torch.relu(h)
    h = pad_nchw(h, pool, pool_stride, pool_padding, -math.inf)
    h = F.max_pool2d(h, pool, pool_stride)
    h = h.permute(0, 2, 3, 1).reshape(x.shape[0], -1)           # Flatten, channels last
    return h @ dense_kernel + dense_bias


def loss_of(logits, y):
    probabilities = torch.softmax(logits, dim=1)
    assert probabilities.min() > 10 * CLIP and probabilities.max() < 1 - 10 * CLIP, "Keras's clipping would bite"
    return -(y * torch.log_softmax(logits, dim=1)).sum(dim=1).mean()


def flat(t):
    return {"shape": list(t.shape), "data": [float(v) for v in t.detach().reshape(-1).tolist()]}


def run(case, seed):
    name, (n, height, width, channels), filters, kernel, _, _, _, _, _, units = case
    rng = np.random.RandomState(seed)
    x = torch.tensor(rng.standard_normal((n, height, width, channels)), dtype=torch.float64)
    labels = rng.randint(0, units, size=n)
    y = torch.tensor(np.eye(units)[labels], dtype=torch.float64)
    conv_kernel = glorot_uniform(rng, (kernel, kernel, channels, filters), kernel * kernel * channels,
                                 kernel * kernel * filters)
    pooled = pooled_size(x, torch.tensor(conv_kernel), case)
    dense_kernel = glorot_uniform(rng, (pooled, units), pooled, units)
    weights = [torch.tensor(conv_kernel, requires_grad=True),
               torch.zeros(filters, dtype=torch.float64, requires_grad=True),
               torch.tensor(dense_kernel, requires_grad=True),
               torch.zeros(units, dtype=torch.float64, requires_grad=True)]
    initial = [flat(w) for w in weights]
    m = [torch.zeros_like(w) for w in weights]
    v = [torch.zeros_like(w) for w in weights]
    losses = []
    first_gradients = None
    for step in range(1, STEPS + 1):
        loss = loss_of(forward(x, weights, case), y)
        losses.append(float(loss))
        grads = torch.autograd.grad(loss, weights)
        if first_gradients is None:
            first_gradients = [flat(g) for g in grads]
        alpha = LEARNING_RATE * math.sqrt(1 - BETA_2 ** step) / (1 - BETA_1 ** step)
        with torch.no_grad():
            for w, g, mi, vi in zip(weights, grads, m, v):
                mi += (g - mi) * (1 - BETA_1)
                vi += (g * g - vi) * (1 - BETA_2)
                w -= mi * alpha / (torch.sqrt(vi) + EPSILON)
    final_loss = float(loss_of(forward(x, weights, case), y))
    _, _, _, _, stride, padding, pool, pool_stride, pool_padding, _ = case
    return {
        "name": name,
        "conv": {"filters": filters, "kernel_size": kernel, "strides": stride, "padding": padding},
        "pool": {"pool_size": pool, "strides": pool_stride, "padding": pool_padding},
        "units": units,
        "x": flat(x),
        "y": flat(y),
        "initial_weights": initial,
        "losses": losses,
        "first_gradients": first_gradients,
        "final_weights": [flat(w) for w in weights],
        "final_loss": final_loss,
    }


def pooled_size(x, conv_kernel, case):
    """The length of the flattened pooled map, from the shapes of a forward pass without the dense layer."""
    _, _, filters, kernel, stride, padding, pool, pool_stride, pool_padding, _ = case
    h = pad_nchw(x.permute(0, 3, 1, 2), kernel, stride, padding, 0.0)
    h = F.conv2d(h, conv_kernel.permute(3, 2, 0, 1), stride=stride)
    h = F.max_pool2d(pad_nchw(h, pool, pool_stride, pool_padding, -math.inf), pool, pool_stride)
    return h[0].numel()


def main():
    torch.set_default_dtype(torch.float64)
    golden = {
        "generator": "src/test/resources/golden/conv_pool_dense.py, PyTorch " + torch.__version__ + " float64",
        "optimizer": {"name": "Adam", "learning_rate": LEARNING_RATE, "beta_1": BETA_1, "beta_2": BETA_2,
                      "epsilon": EPSILON},
        "steps": STEPS,
        "cases": [run(case, seed) for seed, case in enumerate(CASES)],
    }
    text = json.dumps(golden, indent=1)
    # Each innermost list (a shape, a weight's values) on one line.
    text = re.sub(r"\[\n\s*([^\[\]{}]*?)\n\s*\]", lambda m: "[" + re.sub(r",\n\s*", ", ", m.group(1)) + "]", text)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "conv_pool_dense.json")
    with open(out, "w") as f:
        f.write(text + "\n")


if __name__ == "__main__":
    main()
