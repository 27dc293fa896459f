#!/usr/bin/env python3
"""Golden values for Lepton's regularizers, constraints and the loss they add in training.

PyTorch float64 computes what Keras 3 computes:

  regularizers (keras/src/regularizers/regularizers.py)
      L1(l1=0.01): l1 * sum(|w|); L2(l2=0.01): l2 * sum(w^2); L1L2(l1=0, l2=0): both
  constraints (keras/src/constraints/constraints.py), norms n = sqrt(sum(w^2 over axis)),
  epsilon = 1e-7 (backend.epsilon())
      MaxNorm(max_value=2, axis=0): w * clip(n, 0, max_value) / (epsilon + n)
      MinMaxNorm(min_value=0, max_value=1, rate=1, axis=0):
          w * (rate * clip(n, min_value, max_value) + (1 - rate) * n) / (epsilon + n)
      UnitNorm(axis=0): w / (epsilon + n); NonNeg: max(w, 0)
  training (keras/src/trainers/trainer.py compute_loss, keras/src/layers/layer.py __call__)
      loss = compiled loss + sum(weight penalties) + sum(activity penalties), an activity penalty
      being the regularizer of the layer's output divided by the batch size; one SGD step
      w -= lr * dloss/dw, then each constrained weight w = constraint(w).

The model: Input(3) -> Dense(2, "tanh", kernel_regularizer=L2(0.01), bias_regularizer=L1(0.02),
activity_regularizer=L1L2(0.001, 0.002), kernel_constraint=MaxNorm(0.5)) ->
ActivityRegularization(l1=0.003, l2=0.004) -> Dense(1, kernel_regularizer=L1L2(0.01, 0.02),
bias_constraint=NonNeg()), loss "mse", SGD(0.1), one batch of 4.

Writes regularization.json beside this script: {"regularizers": [{class_name, config, w, penalty,
grad}], "constraints": [{class_name, config, w, projected}], "model": {x, y, weights (Keras's
order), loss, weights_after}}, tensors as {"shape", "data"}.

Run: /usr/bin/python3 make_regularization.py (PyTorch >= 1.13, no GPU).
"""
import json
import os

import torch

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
EPSILON = 1e-7


def tensor(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1)]}


def l1l2(l1, l2):
    return lambda w: l1 * w.abs().sum() + l2 * (w * w).sum()


def regularizer_case(class_name, config, penalty, seed):
    g = torch.Generator().manual_seed(seed)
    w = torch.randn((3, 4), generator=g).requires_grad_(True)
    p = penalty(w)
    p.backward()
    return {"class_name": class_name, "config": config, "w": tensor(w), "penalty": p.item(), "grad": tensor(w.grad)}


def norms(w, axis):
    return torch.sqrt((w * w).sum(dim=axis, keepdim=True))


def constraint_case(class_name, config, project, w):
    return {"class_name": class_name, "config": config, "w": tensor(w), "projected": tensor(project(w))}


def constraints():
    g = torch.Generator().manual_seed(7)
    dense = torch.randn((4, 3), generator=g) * torch.tensor([0.2, 1.0, 3.0])
    conv = torch.randn((3, 3, 2, 4), generator=g) * 0.4
    with_zero = dense.clone()
    with_zero[:, 0] = 0.0

    def max_norm(max_value, axis):
        return lambda w: w * torch.clamp(norms(w, axis), 0, max_value) / (EPSILON + norms(w, axis))

    def min_max_norm(lo, hi, rate, axis):
        def project(w):
            n = norms(w, axis)
            return w * (rate * torch.clamp(n, lo, hi) + (1 - rate) * n) / (EPSILON + n)
        return project

    def unit_norm(axis):
        return lambda w: w / (EPSILON + norms(w, axis))

    return [
        constraint_case("MaxNorm", {"max_value": 2.0, "axis": 0}, max_norm(2.0, [0]), dense),
        constraint_case("MaxNorm", {"max_value": 1.0, "axis": [0, 1, 2]}, max_norm(1.0, [0, 1, 2]), conv),
        constraint_case("MaxNorm", {"max_value": 0.5, "axis": -1}, max_norm(0.5, [1]), dense),
        constraint_case("MinMaxNorm", {"min_value": 0.0, "max_value": 1.0, "rate": 1.0, "axis": 0},
                        min_max_norm(0.0, 1.0, 1.0, [0]), dense),
        constraint_case("MinMaxNorm", {"min_value": 0.5, "max_value": 1.5, "rate": 0.7, "axis": 0},
                        min_max_norm(0.5, 1.5, 0.7, [0]), dense),
        constraint_case("UnitNorm", {"axis": 0}, unit_norm([0]), with_zero),
        constraint_case("UnitNorm", {"axis": [0, 1, 2]}, unit_norm([0, 1, 2]), conv),
        constraint_case("NonNeg", {}, lambda w: torch.clamp(w, min=0.0), dense),
    ]


def model():
    g = torch.Generator().manual_seed(11)
    x = torch.randn((4, 3), generator=g)
    y = torch.randn((4, 1), generator=g)
    k1 = (torch.randn((3, 2), generator=g) * 0.6).requires_grad_(True)
    b1 = (torch.randn(2, generator=g) * 0.1).requires_grad_(True)
    k2 = (torch.randn((2, 1), generator=g) * 0.8).requires_grad_(True)
    b2 = (torch.randn(1, generator=g) * 0.1 + 0.05).requires_grad_(True)
    weights = [tensor(w) for w in (k1, b1, k2, b2)]
    batch = x.shape[0]
    h = torch.tanh(x @ k1 + b1)
    out = h @ k2 + b2
    loss = ((out - y) ** 2).mean()
    loss = loss + l1l2(0.001, 0.002)(h) / batch + l1l2(0.003, 0.004)(h) / batch
    loss = loss + l1l2(0.0, 0.01)(k1) + l1l2(0.02, 0.0)(b1) + l1l2(0.01, 0.02)(k2)
    loss.backward()
    with torch.no_grad():
        k1n = k1 - 0.1 * k1.grad
        b1n = b1 - 0.1 * b1.grad
        k2n = k2 - 0.1 * k2.grad
        b2n = b2 - 0.1 * b2.grad
        n = norms(k1n, [0])
        k1n = k1n * torch.clamp(n, 0, 0.5) / (EPSILON + n)
        b2n = torch.clamp(b2n, min=0.0)
    return {"x": tensor(x), "y": tensor(y), "weights": weights, "loss": loss.item(),
            "weights_after": [tensor(w) for w in (k1n, b1n, k2n, b2n)]}


def main():
    regularizers = [
        regularizer_case("L1", {"l1": 0.01}, l1l2(0.01, 0.0), 1),
        regularizer_case("L2", {"l2": 0.01}, l1l2(0.0, 0.01), 2),
        regularizer_case("L2", {"l2": 0.25}, l1l2(0.0, 0.25), 3),
        regularizer_case("L1L2", {"l1": 0.003, "l2": 0.05}, l1l2(0.003, 0.05), 4),
    ]
    with open(os.path.join(HERE, "regularization.json"), "w") as f:
        json.dump({"regularizers": regularizers, "constraints": constraints(), "model": model()}, f)
        f.write("\n")


if __name__ == "__main__":
    main()
