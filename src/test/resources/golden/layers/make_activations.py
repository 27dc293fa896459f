#!/usr/bin/env python3
"""Golden values for Lepton's activation layers and activation functions (ai.lepton.layers).

PyTorch float64 computes what Keras 3 computes (keras/src/activations/activations.py,
keras/src/layers/activations/*.py):

  ReLU(max_value, negative_slope, threshold)  x > threshold: min(x, max_value);
                                              else negative_slope * (x - threshold)
  LeakyReLU(negative_slope=0.3), ELU(alpha=1.0), Softmax(axis=-1)
  PReLU                                       relu(x) - alpha * relu(-x), alpha shaped like the
                                              input with 1 along shared_axes
  relu6, hard_sigmoid = relu6(x + 3) / 6, hard_silu = x * hard_sigmoid(x), silu = x * sigmoid(x),
  mish = x * tanh(softplus(x)), log_softmax, exponential

Library functions (torch.nn.functional's relu6, hardsigmoid, hardswish, silu, mish, elu,
leaky_relu, softmax, log_softmax, prelu) give the outputs where their semantics are Keras's, and
are checked against the formulas written out here. The inputs avoid the kinks (0, -3, 3, the
thresholds and maxima) so that every derivative is defined. Gradients are torch.autograd's of
sum(y * mix) for a fixed random `mix`.

Writes activations.json beside this script, in the form of normalization.json: layer cases
("layer" a class name, "config" its Keras config) and function cases ("layer" "Activation",
"config" {"activation": name}).

Run: /usr/bin/python3 make_activations.py (PyTorch >= 1.13, no GPU).
"""
import json
import os

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
TOLERANCE = 1e-13
KINKS = [0.0, -3.0, 3.0, 6.0, 0.5, 1.5, 2.0]


def tensor(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1)]}


def write(file, cases):
    """One case per line, numbers as Python's shortest round-trip repr."""
    with open(os.path.join(HERE, file), "w") as f:
        f.write('{"cases": [\n' + ",\n".join(json.dumps(c) for c in cases) + "\n]}\n")


def check(a, b, what):
    err = (a - b).abs().max().item()
    assert err < TOLERANCE, f"{what}: independent computations differ by {err}"


def inputs(shape, seed, scale=4.0):
    """Values spread over [-scale, scale], nudged away from the kinks."""
    g = torch.Generator().manual_seed(seed)
    x = (torch.rand(shape, generator=g) * 2 - 1) * scale
    for k in KINKS:
        x = torch.where((x - k).abs() < 1e-3, x + 0.01, x)
    return x, torch.randn(shape, generator=g)


def case(layer, name, config, x, mix, fn, reference=None, weights=None):
    x = x.clone().requires_grad_(True)
    params = {k: v.clone().requires_grad_(True) for k, v in (weights or {}).items()}
    y = fn(x, **params)
    if reference is not None:
        check(y, reference(x.detach(), **{k: v.detach() for k, v in params.items()}), name)
    (y * mix).sum().backward()
    return {"layer": layer, "name": name, "config": config, "training": False,
            "weights": {k: tensor(v) for k, v in params.items()}, "x": tensor(x), "mix": tensor(mix), "y": tensor(y),
            "dx": tensor(x.grad), "grads": {k: tensor(v.grad) for k, v in params.items()}, "after": {}}


def keras_relu(x, negative_slope=0.0, max_value=None, threshold=0.0):
    top = x if max_value is None else torch.clamp(x, max=max_value)
    return torch.where(x > threshold, top, negative_slope * (x - threshold))


def main():
    cases = []
    x, mix = inputs((3, 8), 1, scale=8.0)
    for name, config in [("defaults", {"max_value": None, "negative_slope": 0.0, "threshold": 0.0}),
                         ("max_value 6 (relu6)", {"max_value": 6.0, "negative_slope": 0.0, "threshold": 0.0}),
                         ("negative_slope 0.1 (leaky)", {"max_value": None, "negative_slope": 0.1, "threshold": 0.0}),
                         ("threshold 1.5", {"max_value": None, "negative_slope": 0.0, "threshold": 1.5}),
                         ("all three", {"max_value": 2.0, "negative_slope": 0.2, "threshold": 0.5})]:
        cases.append(case("ReLU", name, config, x, mix, lambda t, c=config: keras_relu(t, **c),
                          reference=(F.relu6 if config["max_value"] == 6.0 else None)))
    x, mix = inputs((2, 3, 4), 2)
    cases.append(case("LeakyReLU", "Keras 3 default slope 0.3", {"negative_slope": 0.3}, x, mix,
                      lambda t: torch.where(t > 0, t, 0.3 * t), reference=lambda t: F.leaky_relu(t, 0.3)))
    cases.append(case("LeakyReLU", "slope 0.05", {"negative_slope": 0.05}, x, mix,
                      lambda t: torch.where(t > 0, t, 0.05 * t), reference=lambda t: F.leaky_relu(t, 0.05)))
    cases.append(case("ELU", "alpha 1", {"alpha": 1.0}, x, mix, lambda t: torch.where(t > 0, t, torch.expm1(t)),
                      reference=lambda t: F.elu(t, 1.0)))
    cases.append(case("ELU", "alpha 0.5", {"alpha": 0.5}, x, mix, lambda t: torch.where(t > 0, t, 0.5 * torch.expm1(t)),
                      reference=lambda t: F.elu(t, 0.5)))
    cases.append(case("Softmax", "last axis", {"axis": -1}, x, mix, lambda t: F.softmax(t, dim=-1),
                      reference=lambda t: torch.exp(t - torch.logsumexp(t, dim=-1, keepdim=True))))
    cases.append(case("Softmax", "axis 1", {"axis": 1}, x, mix, lambda t: F.softmax(t, dim=1),
                      reference=lambda t: torch.exp(t - torch.logsumexp(t, dim=1, keepdim=True))))
    g = torch.Generator().manual_seed(3)
    x, mix = inputs((2, 3, 3, 4), 4)
    alpha = torch.rand((3, 3, 4), generator=g) * 0.5
    cases.append(case("PReLU", "one alpha per element", {"shared_axes": None}, x, mix,
                      lambda t, alpha: torch.relu(t) - alpha * torch.relu(-t), weights={"alpha": alpha},
                      reference=lambda t, alpha: torch.where(t > 0, t, alpha * t)))
    channel_alpha = torch.rand((1, 1, 4), generator=g) * 0.5
    cases.append(case("PReLU", "shared over height and width", {"shared_axes": [1, 2]}, x, mix,
                      lambda t, alpha: torch.relu(t) - alpha * torch.relu(-t), weights={"alpha": channel_alpha},
                      reference=lambda t, alpha: F.prelu(t.permute(0, 3, 1, 2), alpha.reshape(4)).permute(0, 2, 3, 1)))

    functions = [
        ("relu6", lambda t: torch.clamp(torch.clamp(t, min=0.0), max=6.0), F.relu6, 8.0),
        ("hard_sigmoid", lambda t: torch.clamp(torch.clamp(t + 3.0, min=0.0), max=6.0) / 6.0, F.hardsigmoid, 5.0),
        ("hard_silu", lambda t: t * torch.clamp(torch.clamp(t + 3.0, min=0.0), max=6.0) / 6.0, F.hardswish, 5.0),
        ("hard_swish", lambda t: t * torch.clamp(torch.clamp(t + 3.0, min=0.0), max=6.0) / 6.0, F.hardswish, 5.0),
        ("silu", lambda t: t * torch.sigmoid(t), F.silu, 6.0),
        ("swish", lambda t: t * torch.sigmoid(t), F.silu, 6.0),
        ("mish", lambda t: t * torch.tanh(F.softplus(t)), F.mish, 6.0),
        ("log_softmax", lambda t: t - torch.logsumexp(t, dim=-1, keepdim=True), lambda t: F.log_softmax(t, dim=-1), 6.0),
        ("exponential", torch.exp, None, 3.0),
        ("elu", lambda t: torch.where(t > 0, t, torch.expm1(t)), F.elu, 4.0),
        ("leaky_relu", lambda t: torch.where(t > 0, t, 0.2 * t), lambda t: F.leaky_relu(t, 0.2), 4.0),
    ]
    for i, (name, fn, reference, scale) in enumerate(functions):
        x, mix = inputs((4, 6), 10 + i, scale=scale)
        cases.append(case("Activation", name, {"activation": name}, x, mix, fn, reference=reference))
    write("activations.json", cases)


if __name__ == "__main__":
    main()
