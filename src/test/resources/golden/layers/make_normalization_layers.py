#!/usr/bin/env python3
"""Golden values for Lepton's normalization layers (ai.lepton.layers).

PyTorch float64 computes what Keras 3 computes (keras/src/layers/normalization/*.py, channels last,
axes that count the batch as axis 0):

  BatchNormalization  training: y = gamma * (x - mean) / sqrt(var + epsilon) + beta with the batch's
                      mean and biased variance over every axis but `axis`, and
                      moving = moving * momentum + batch * (1 - momentum) (Keras's update, not
                      torch's, which uses the unbiased variance); inference: the moving statistics.
                      With a mask (one value per row), Keras's masked moments: sums over the kept
                      rows divided by their count + 1e-7, every row normalized.
  LayerNormalization  statistics per example over `axis` (one or several axes), gamma/beta shaped
                      like those axes.
  GroupNormalization  statistics per example and group of consecutive channels along `axis`.
  UnitNormalization   x / sqrt(max(sum(x^2), 1e-24)) over `axis`.

Outputs come from torch.nn.functional (batch_norm, layer_norm, group_norm, normalize) where its
semantics are Keras's, and are checked against the formulas written out here; gradients are
torch.autograd's of sum(y * mix) for a fixed random `mix`.

Writes normalization_layers.json beside this script: {"cases": [{"layer", "name", "config", "training",
"weights" {name: tensor}, "x", "mask" (optional), "mix", "y", "dx", "grads" {name: tensor},
"after" {name: tensor}}]},
a tensor being {"shape": [...], "data": [...]} (row-major).

Run: /usr/bin/python3 make_normalization_layers.py (PyTorch >= 1.13, no GPU).
"""
import json
import os

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
TOLERANCE = 1e-12


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


def canonical(axis, rank):
    return axis % rank


def batch_norm_case(name, shape, axis, training, center=True, scale=True, momentum=0.99, epsilon=1e-3, seed=0):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(shape, generator=g) * 2.0 + 0.5
    a = canonical(axis, len(shape))
    c = shape[a]
    gamma = (torch.rand(c, generator=g) + 0.5).requires_grad_(scale)
    beta = torch.randn(c, generator=g).requires_grad_(center)
    moving_mean = torch.randn(c, generator=g) * 0.1
    moving_var = torch.rand(c, generator=g) + 0.5
    mix = torch.randn(shape, generator=g)
    x.requires_grad_(True)
    # channels first for torch: move the channel axis to 1
    perm = [0, a] + [d for d in range(1, len(shape)) if d != a]
    xt = x.permute(perm)
    if training:
        y_t = F.batch_norm(xt, None, None, gamma if scale else None, beta if center else None, training=True, eps=epsilon)
    else:
        y_t = F.batch_norm(xt, moving_mean, moving_var, gamma if scale else None, beta if center else None, training=False,
                           eps=epsilon)
    inverse = [perm.index(d) for d in range(len(shape))]
    y = y_t.permute(inverse)
    # Keras's formula, written out
    reduce = [d for d in range(len(shape)) if d != a]
    view = [1] * len(shape)
    view[a] = c
    if training:
        mean = x.mean(dim=reduce)
        var = (x * x).mean(dim=reduce) - mean * mean
    else:
        mean, var = moving_mean, moving_var
    inv = 1.0 / torch.sqrt(var + epsilon)
    if scale:
        inv = inv * gamma
    res = -mean * inv
    if center:
        res = res + beta
    check(y, x * inv.reshape(view) + res.reshape(view), name)
    (y * mix).sum().backward()
    weights = {}
    grads = {}
    if scale:
        weights["gamma"] = tensor(gamma)
        grads["gamma"] = tensor(gamma.grad)
    if center:
        weights["beta"] = tensor(beta)
        grads["beta"] = tensor(beta.grad)
    weights["moving_mean"] = tensor(moving_mean)
    weights["moving_variance"] = tensor(moving_var)
    after = {}
    if training:
        with torch.no_grad():
            after["moving_mean"] = tensor(moving_mean * momentum + mean * (1.0 - momentum))
            after["moving_variance"] = tensor(moving_var * momentum + var * (1.0 - momentum))
    else:
        after["moving_mean"] = weights["moving_mean"]
        after["moving_variance"] = weights["moving_variance"]
    config = {"axis": axis, "momentum": momentum, "epsilon": epsilon, "center": center, "scale": scale}
    return {"layer": "BatchNormalization", "name": name, "config": config, "training": training, "weights": weights,
            "x": tensor(x), "mix": tensor(mix), "y": tensor(y), "dx": tensor(x.grad), "grads": grads, "after": after}


def masked_batch_norm_case(name, shape, kept, momentum=0.99, epsilon=1e-3, seed=0):
    g = torch.Generator().manual_seed(seed)
    x = (torch.randn(shape, generator=g) * 2.0 + 0.5).requires_grad_(True)
    c = shape[-1]
    gamma = (torch.rand(c, generator=g) + 0.5).requires_grad_(True)
    beta = torch.randn(c, generator=g).requires_grad_(True)
    moving_mean = torch.randn(c, generator=g) * 0.1
    moving_var = torch.rand(c, generator=g) + 0.5
    mix = torch.randn(shape, generator=g)
    mask = torch.tensor(kept, dtype=torch.float64)
    m = mask.unsqueeze(-1)
    reduce = list(range(len(shape) - 1))
    count = mask.sum() + 1e-7
    mean = (x * m).sum(dim=reduce) / count
    var = (((x - mean) * m) ** 2).sum(dim=reduce) / count
    y = (x - mean) / torch.sqrt(var + epsilon) * gamma + beta
    (y * mix).sum().backward()
    with torch.no_grad():
        after = {"moving_mean": tensor(moving_mean * momentum + mean * (1.0 - momentum)),
                 "moving_variance": tensor(moving_var * momentum + var * (1.0 - momentum))}
    config = {"axis": -1, "momentum": momentum, "epsilon": epsilon, "center": True, "scale": True}
    return {"layer": "BatchNormalization", "name": name, "config": config, "training": True,
            "weights": {"gamma": tensor(gamma), "beta": tensor(beta), "moving_mean": tensor(moving_mean),
                        "moving_variance": tensor(moving_var)},
            "x": tensor(x), "mask": tensor(mask), "mix": tensor(mix), "y": tensor(y), "dx": tensor(x.grad),
            "grads": {"gamma": tensor(gamma.grad), "beta": tensor(beta.grad)}, "after": after}


def layer_norm_case(name, shape, axis, center=True, scale=True, epsilon=1e-3, seed=0):
    g = torch.Generator().manual_seed(seed)
    x = (torch.randn(shape, generator=g) * 1.5 - 0.3).requires_grad_(True)
    axes = sorted(canonical(a, len(shape)) for a in (axis if isinstance(axis, list) else [axis]))
    pshape = [shape[a] for a in axes]
    gamma = (torch.rand(pshape, generator=g) + 0.5).requires_grad_(scale)
    beta = torch.randn(pshape, generator=g).requires_grad_(center)
    mix = torch.randn(shape, generator=g)
    rest = [d for d in range(len(shape)) if d not in axes]
    perm = rest + axes
    inverse = [perm.index(d) for d in range(len(shape))]
    xt = x.permute(perm)
    y = F.layer_norm(xt, pshape, gamma if scale else None, beta if center else None, eps=epsilon).permute(inverse)
    mean = x.mean(dim=axes, keepdim=True)
    var = (x * x).mean(dim=axes, keepdim=True) - mean * mean
    view = [shape[d] if d in axes else 1 for d in range(len(shape))]
    expected = (x - mean) / torch.sqrt(var + epsilon)
    if scale:
        expected = expected * gamma.reshape(view)
    if center:
        expected = expected + beta.reshape(view)
    check(y, expected, name)
    (y * mix).sum().backward()
    weights, grads = {}, {}
    if scale:
        weights["gamma"], grads["gamma"] = tensor(gamma), tensor(gamma.grad)
    if center:
        weights["beta"], grads["beta"] = tensor(beta), tensor(beta.grad)
    config = {"axis": axis, "epsilon": epsilon, "center": center, "scale": scale}
    return {"layer": "LayerNormalization", "name": name, "config": config, "training": True, "weights": weights,
            "x": tensor(x), "mix": tensor(mix), "y": tensor(y), "dx": tensor(x.grad), "grads": grads, "after": {}}


def group_norm_case(name, shape, groups, axis=-1, center=True, scale=True, epsilon=1e-3, seed=0):
    g = torch.Generator().manual_seed(seed)
    x = (torch.randn(shape, generator=g) * 1.2 + 0.7).requires_grad_(True)
    a = canonical(axis, len(shape))
    c = shape[a]
    gamma = (torch.rand(c, generator=g) + 0.5).requires_grad_(scale)
    beta = torch.randn(c, generator=g).requires_grad_(center)
    mix = torch.randn(shape, generator=g)
    resolved = c if groups == -1 else groups
    perm = [0, a] + [d for d in range(1, len(shape)) if d != a]
    inverse = [perm.index(d) for d in range(len(shape))]
    y = F.group_norm(x.permute(perm), resolved, gamma if scale else None, beta if center else None, eps=epsilon).permute(inverse)
    # Keras's formula: split the channel axis into (groups, channels / groups), reduce over all but batch and groups
    gshape = list(shape)
    gshape[a:a + 1] = [resolved, c // resolved]
    xg = x.reshape(gshape)
    reduce = [d for d in range(1, len(gshape)) if d != a]
    mean = xg.mean(dim=reduce, keepdim=True)
    var = (xg * xg).mean(dim=reduce, keepdim=True) - mean * mean
    expected = ((xg - mean) / torch.sqrt(var + epsilon)).reshape(shape)
    view = [1] * len(shape)
    view[a] = c
    if scale:
        expected = expected * gamma.reshape(view)
    if center:
        expected = expected + beta.reshape(view)
    check(y, expected, name)
    (y * mix).sum().backward()
    weights, grads = {}, {}
    if scale:
        weights["gamma"], grads["gamma"] = tensor(gamma), tensor(gamma.grad)
    if center:
        weights["beta"], grads["beta"] = tensor(beta), tensor(beta.grad)
    config = {"groups": groups, "axis": axis, "epsilon": epsilon, "center": center, "scale": scale}
    return {"layer": "GroupNormalization", "name": name, "config": config, "training": True, "weights": weights,
            "x": tensor(x), "mix": tensor(mix), "y": tensor(y), "dx": tensor(x.grad), "grads": grads, "after": {}}


def unit_norm_case(name, shape, axis, zero_first=False, seed=0):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(shape, generator=g)
    if zero_first:
        x[0] = 0.0
    x.requires_grad_(True)
    mix = torch.randn(shape, generator=g)
    axes = [canonical(a, len(shape)) for a in (axis if isinstance(axis, list) else [axis])]
    y = x * torch.rsqrt(torch.clamp((x * x).sum(dim=axes, keepdim=True), min=1e-24))
    if len(axes) == 1:
        check(y, F.normalize(x, p=2.0, dim=axes[0], eps=1e-12), name)
    (y * mix).sum().backward()
    return {"layer": "UnitNormalization", "name": name, "config": {"axis": axis}, "training": False, "weights": {},
            "x": tensor(x), "mix": tensor(mix), "y": tensor(y), "dx": tensor(x.grad), "grads": {}, "after": {}}


def main():
    cases = [
        batch_norm_case("conv output, channels last, training", (4, 3, 3, 5), -1, True, seed=1),
        batch_norm_case("conv output, channels last, inference", (4, 3, 3, 5), -1, False, seed=2),
        batch_norm_case("channels first (axis 1), training", (3, 4, 2, 3), 1, True, momentum=0.9, seed=3),
        batch_norm_case("dense features, training, epsilon 1e-5", (6, 4), -1, True, epsilon=1e-5, seed=4),
        batch_norm_case("no center, no scale, training", (5, 2, 3), -1, True, center=False, scale=False, seed=5),
        batch_norm_case("sequence, middle axis, inference", (3, 4, 2), 1, False, seed=6),
        batch_norm_case("many channels (vector tails), training", (7, 37), -1, True, seed=7),
        masked_batch_norm_case("masked sequence, training", (3, 4, 5), [[1, 1, 1, 0], [1, 0, 0, 0], [1, 1, 1, 1]], seed=8),
        layer_norm_case("last axis", (3, 4, 6), -1, seed=11),
        layer_norm_case("last two axes", (2, 3, 4), [-2, -1], seed=12),
        layer_norm_case("middle axis (moved last)", (2, 5, 3), 1, seed=13),
        layer_norm_case("axes 1 and 3 of 4, no center", (2, 3, 2, 4), [1, 3], center=False, seed=14),
        layer_norm_case("features, no scale, epsilon 1e-6", (5, 7), -1, scale=False, epsilon=1e-6, seed=15),
        group_norm_case("2 groups, channels last", (2, 3, 3, 4), 2, seed=21),
        group_norm_case("instance normalization (groups -1)", (2, 2, 3, 3), -1, seed=22),
        group_norm_case("one group", (3, 2, 4), 1, seed=23),
        group_norm_case("channels first (axis 1), 2 groups", (2, 4, 3, 2), 2, axis=1, seed=24),
        group_norm_case("features, 3 groups, no center", (4, 6), 3, center=False, seed=25),
        unit_norm_case("last axis", (4, 5), -1, seed=31),
        unit_norm_case("axes 1 and 2", (3, 2, 4), [1, 2], seed=32),
        unit_norm_case("a zero example", (3, 4), -1, zero_first=True, seed=33),
    ]
    write("normalization_layers.json", cases)


if __name__ == "__main__":
    main()
