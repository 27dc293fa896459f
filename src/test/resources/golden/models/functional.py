"""Writes functional.json: a two-input, two-output residual model computed in PyTorch float64.

The graph (Keras layer names; Dense kernels are (in, out) as in Keras):
    a = Input(4); b = Input(3)
    s = Add(name="s")([Dense(5, "relu", name="h")(a), Dense(5, "tanh", name="g")(b)])
    r = Add(name="r")([Dense(5, name="dr")(s), s])
    classes = Dense(3, "softmax", name="classes")(r)
    value = Dense(1, name="value")(Concatenate(name="cat")([r, b]))
Loss: sparse categorical cross-entropy on classes + 0.5 * mean squared error on value.
One SGD step with learning rate 0.1 (w -= 0.1 * dL/dw).

Run: /usr/bin/python3 functional.py  (PyTorch 1.13, CPU); it rewrites functional.json beside it.
"""
import json
import os

import torch

torch.manual_seed(20261202)
D = torch.float64
N = 6
a = torch.randn(N, 4, dtype=D)
b = torch.randn(N, 3, dtype=D)
labels = torch.tensor([0, 2, 1, 1, 0, 2])
targets = torch.randn(N, 1, dtype=D)

shapes = {"h": (4, 5), "g": (3, 5), "dr": (5, 5), "classes": (5, 3), "value": (8, 1)}
weights = {}
for name, (fan_in, fan_out) in shapes.items():
    weights[name] = {
        "kernel": (torch.randn(fan_in, fan_out, dtype=D) * 0.5).requires_grad_(),
        "bias": (torch.randn(fan_out, dtype=D) * 0.1).requires_grad_(),
    }


def dense(name, x):
    return x @ weights[name]["kernel"] + weights[name]["bias"]


def forward():
    s = torch.relu(dense("h", a)) + torch.tanh(dense("g", b))
    r = dense("dr", s) + s
    logits = dense("classes", r)
    value = dense("value", torch.cat([r, b], dim=1))
    return logits, value


logits, value = forward()
ce = torch.nn.functional.cross_entropy(logits, labels)
mse = ((value - targets) ** 2).mean()
loss = ce + 0.5 * mse
loss.backward()


def plain(t):
    return t.detach().reshape(-1).tolist()


out = {
    "a": plain(a), "b": plain(b), "labels": labels.tolist(), "targets": plain(targets),
    "weights": {n: {k: plain(v) for k, v in w.items()} for n, w in weights.items()},
    "classes": plain(torch.softmax(logits, dim=1)), "value": plain(value),
    "classes_loss": ce.item(), "value_loss": mse.item(), "loss": loss.item(),
    "gradients": {n: {k: plain(v.grad) for k, v in w.items()} for n, w in weights.items()},
}
with torch.no_grad():
    for w in weights.values():
        for v in w.values():
            v -= 0.1 * v.grad
    logits, value = forward()
out["after_step"] = {n: {k: plain(v) for k, v in w.items()} for n, w in weights.items()}
out["classes_after"] = plain(torch.softmax(logits, dim=1))
out["value_after"] = plain(value)
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "functional.json"), "w") as f:
    json.dump(out, f, indent=1)
