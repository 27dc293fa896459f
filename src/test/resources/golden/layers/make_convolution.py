#!/usr/bin/env python3
"""Golden values for Lepton's convolution and pooling layers (ai.lepton.layers).

PyTorch float64 computes what Keras 3 computes (keras/src/layers/convolutional/*.py and
keras/src/layers/pooling/*.py, channels last):

* Padding is TensorFlow's, written out here and applied with F.pad before a valid convolution:
  "same" pads total = max((ceil(n / s) - 1) * s + span - n, 0) with span = d * (k - 1) + 1,
  floor(total / 2) before and the rest after (the odd extra zero at the bottom/right);
  "causal" pads span - 1 zeros before the sequence only.
* Conv1D / Conv2D: F.conv1d / F.conv2d (cross-correlation, `groups`, `dilation`) on the
  channels-first view, with Keras's kernel (k..., in / groups, filters) permuted to torch's
  (filters, in / groups, k...).
* DepthwiseConv2D: F.conv2d with groups = channels, Keras's kernel (kh, kw, c, M) as torch's
  (c * M, 1, kh, kw) (output channel c * M + m from input channel c).
* SeparableConv1D/2D: that depthwise step without bias, then a 1x1 convolution with Keras's
  pointwise kernel (1..., c * M, filters), then bias and activation.
* Conv1DTranspose / Conv2DTranspose: F.conv_transpose1d/2d with no padding gives the full
  result, of length (n - 1) * s + span per axis; Keras's output length
  (backend_utils._get_output_shape_given_tf_padding) and TensorFlow's placement are applied by
  slicing it from before = floor(max((n - 1) * s + span - out, 0) / 2) ("same"; 0 for "valid"),
  with zeros past its end when output_padding asks for more; Keras's kernel (k..., filters, in)
  is torch's (in, filters, k...).
* Pooling: F.max_pool1d/2d and F.avg_pool1d/2d on the padded input; "same" max pooling pads with
  -inf (padding never wins); "same" average pooling averages over the cells inside the input
  only (TensorFlow's rule), computed as avg_pool(x padded with 0) / avg_pool(ones padded with 0).
  Global pooling: mean / amax over the spatial axes; with a mask (1-D), Keras's masked mean
  sum(x * m) / sum(m) and masked max (masked steps replaced by -inf).

Each case holds the layer's Keras config, its weights in Keras's get_weights() order, the input,
the output, a fixed random `mix`, and the gradients of sum(y * mix) for the input and weights.
Writes convolution.json beside this script in the format of make_normalization_layers.py.
Run: /usr/bin/python3 make_convolution.py (PyTorch >= 1.13, no GPU).
"""
import json
import math
import os

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))


def tensor(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1)]}


def write(file, cases):
    with open(os.path.join(HERE, file), "w") as f:
        f.write('{"cases": [\n' + ",\n".join(json.dumps(c) for c in cases) + "\n]}\n")


def pads(padding, n, k, s, d=1):
    """TensorFlow's (before, after) zeros along one axis."""
    span = d * (k - 1) + 1
    if padding == "valid":
        return 0, 0
    if padding == "causal":
        return span - 1, 0
    out = -(-n // s)
    total = max((out - 1) * s + span - n, 0)
    return total // 2, total - total // 2


def activate(y, activation):
    return torch.relu(y) if activation == "relu" else y


def conv_case(layer, name, shape, filters, kernel_size, strides=None, padding="valid", dilation=None, groups=1,
              use_bias=True, activation="linear", seed=0):
    rank = len(shape) - 2
    strides = strides or [1] * rank
    dilation = dilation or [1] * rank
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(shape, generator=g).requires_grad_(True)
    kernel = (torch.randn(list(kernel_size) + [shape[-1] // groups, filters], generator=g) * 0.5).requires_grad_(True)
    bias = torch.randn(filters, generator=g).requires_grad_(True) if use_bias else None
    spatial = shape[1:-1]
    p = [pads(padding, spatial[a], kernel_size[a], strides[a], dilation[a]) for a in range(rank)]
    if rank == 1:
        xt = F.pad(x.permute(0, 2, 1), (p[0][0], p[0][1]))
        y = F.conv1d(xt, kernel.permute(2, 1, 0), bias, strides[0], 0, dilation[0], groups).permute(0, 2, 1)
    else:
        xt = F.pad(x.permute(0, 3, 1, 2), (p[1][0], p[1][1], p[0][0], p[0][1]))
        y = F.conv2d(xt, kernel.permute(3, 2, 0, 1), bias, strides, 0, dilation, groups).permute(0, 2, 3, 1)
    y = activate(y, activation)
    mix = torch.randn(y.shape, generator=g)
    (y * mix).sum().backward()
    weights = {"kernel": tensor(kernel)}
    grads = {"kernel": tensor(kernel.grad)}
    if use_bias:
        weights["bias"] = tensor(bias)
        grads["bias"] = tensor(bias.grad)
    config = {"filters": filters, "kernel_size": list(kernel_size), "strides": list(strides), "padding": padding,
              "data_format": "channels_last", "dilation_rate": list(dilation), "groups": groups,
              "activation": activation, "use_bias": use_bias}
    return {"layer": layer, "name": name, "config": config, "training": False, "weights": weights, "x": tensor(x),
            "mix": tensor(mix), "y": tensor(y), "dx": tensor(x.grad), "grads": grads, "after": {}}


def depthwise_case(layer, name, shape, kernel_size, multiplier=1, filters=None, strides=None, padding="valid",
                   dilation=None, use_bias=True, activation="linear", seed=0):
    """DepthwiseConv2D, or SeparableConv1D/2D when filters is given."""
    rank = len(shape) - 2
    strides = strides or [1] * rank
    dilation = dilation or [1] * rank
    g = torch.Generator().manual_seed(seed)
    c = shape[-1]
    x = torch.randn(shape, generator=g).requires_grad_(True)
    depthwise = (torch.randn(list(kernel_size) + [c, multiplier], generator=g) * 0.5).requires_grad_(True)
    pointwise = None
    if filters is not None:
        pointwise = (torch.randn([1] * rank + [c * multiplier, filters], generator=g) * 0.5).requires_grad_(True)
    out_c = filters if filters is not None else c * multiplier
    bias = torch.randn(out_c, generator=g).requires_grad_(True) if use_bias else None
    spatial = shape[1:-1]
    p = [pads(padding, spatial[a], kernel_size[a], strides[a], dilation[a]) for a in range(rank)]
    if rank == 1:
        xt = F.pad(x.permute(0, 2, 1), (p[0][0], p[0][1]))
        w = depthwise.permute(1, 2, 0).reshape(c * multiplier, 1, kernel_size[0])
        z = F.conv1d(xt, w, None if filters is not None else bias, strides[0], 0, dilation[0], c)
        if filters is not None:
            z = F.conv1d(z, pointwise.permute(2, 1, 0), bias)
        y = z.permute(0, 2, 1)
    else:
        xt = F.pad(x.permute(0, 3, 1, 2), (p[1][0], p[1][1], p[0][0], p[0][1]))
        w = depthwise.permute(2, 3, 0, 1).reshape(c * multiplier, 1, kernel_size[0], kernel_size[1])
        z = F.conv2d(xt, w, None if filters is not None else bias, strides, 0, dilation, c)
        if filters is not None:
            z = F.conv2d(z, pointwise.permute(3, 2, 0, 1), bias)
        y = z.permute(0, 2, 3, 1)
    y = activate(y, activation)
    mix = torch.randn(y.shape, generator=g)
    (y * mix).sum().backward()
    config = {"depth_multiplier": multiplier, "kernel_size": list(kernel_size), "strides": list(strides),
              "padding": padding, "data_format": "channels_last", "dilation_rate": list(dilation),
              "activation": activation, "use_bias": use_bias}
    if filters is None:
        weights = {"kernel": tensor(depthwise)}
        grads = {"kernel": tensor(depthwise.grad)}
    else:
        config["filters"] = filters
        weights = {"depthwise_kernel": tensor(depthwise), "pointwise_kernel": tensor(pointwise)}
        grads = {"depthwise_kernel": tensor(depthwise.grad), "pointwise_kernel": tensor(pointwise.grad)}
    if use_bias:
        weights["bias"] = tensor(bias)
        grads["bias"] = tensor(bias.grad)
    return {"layer": layer, "name": name, "config": config, "training": False, "weights": weights, "x": tensor(x),
            "mix": tensor(mix), "y": tensor(y), "dx": tensor(x.grad), "grads": grads, "after": {}}


def transpose_length(n, k, s, padding, output_padding, d):
    span = d * (k - 1) + 1
    if padding == "valid":
        op = max(span, s) - span if output_padding is None else output_padding
        return (n - 1) * s + span + op
    return n * s if output_padding is None else (n - 1) * s + span % 2 + output_padding


def transpose_case(layer, name, shape, filters, kernel_size, strides, padding="valid", output_padding=None,
                   dilation=None, use_bias=True, activation="linear", seed=0):
    rank = len(shape) - 2
    dilation = dilation or [1] * rank
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(shape, generator=g).requires_grad_(True)
    kernel = (torch.randn(list(kernel_size) + [filters, shape[-1]], generator=g) * 0.5).requires_grad_(True)
    bias = torch.randn(filters, generator=g).requires_grad_(True) if use_bias else None
    if rank == 1:
        full = F.conv_transpose1d(x.permute(0, 2, 1), kernel.permute(2, 1, 0), None, strides[0], 0, 0, 1, dilation[0])
    else:
        full = F.conv_transpose2d(x.permute(0, 3, 1, 2), kernel.permute(3, 2, 0, 1), None, strides, 0, 0, 1, dilation)
    y = full
    for a in range(rank):
        n = shape[1 + a]
        span = dilation[a] * (kernel_size[a] - 1) + 1
        op = None if output_padding is None else output_padding[a]
        out = transpose_length(n, kernel_size[a], strides[a], padding, op, dilation[a])
        before = 0 if padding == "valid" else max((n - 1) * strides[a] + span - out, 0) // 2
        axis = 2 + a
        missing = before + out - y.shape[axis]
        if missing > 0:
            pad = [0, 0] * (rank - 1 - a) + [0, missing]
            y = F.pad(y, pad)
        y = y.narrow(axis, before, out)
    y = y.permute(0, 2, 1) if rank == 1 else y.permute(0, 2, 3, 1)
    if use_bias:
        y = y + bias
    y = activate(y, activation)
    mix = torch.randn(y.shape, generator=g)
    (y * mix).sum().backward()
    weights = {"kernel": tensor(kernel)}
    grads = {"kernel": tensor(kernel.grad)}
    if use_bias:
        weights["bias"] = tensor(bias)
        grads["bias"] = tensor(bias.grad)
    config = {"filters": filters, "kernel_size": list(kernel_size), "strides": list(strides), "padding": padding,
              "output_padding": output_padding, "data_format": "channels_last", "dilation_rate": list(dilation),
              "activation": activation, "use_bias": use_bias}
    return {"layer": layer, "name": name, "config": config, "training": False, "weights": weights, "x": tensor(x),
            "mix": tensor(mix), "y": tensor(y), "dx": tensor(x.grad), "grads": grads, "after": {}}


def pool_case(layer, name, shape, pool_size, strides=None, padding="valid", seed=0):
    rank = len(shape) - 2
    average = layer.startswith("Average")
    steps = strides or pool_size
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(shape, generator=g).requires_grad_(True)
    spatial = shape[1:-1]
    p = [pads(padding, spatial[a], pool_size[a], steps[a]) for a in range(rank)]
    flat_pads = tuple(v for a in reversed(range(rank)) for v in p[a])
    xt = x.permute(0, 2, 1) if rank == 1 else x.permute(0, 3, 1, 2)
    if average:
        pool = F.avg_pool1d if rank == 1 else F.avg_pool2d
        total = pool(F.pad(xt, flat_pads), pool_size, steps)
        cells = pool(F.pad(torch.ones_like(xt), flat_pads), pool_size, steps)
        y = total / cells
    else:
        pool = F.max_pool1d if rank == 1 else F.max_pool2d
        y = pool(F.pad(xt, flat_pads, value=-math.inf), pool_size, steps)
    y = y.permute(0, 2, 1) if rank == 1 else y.permute(0, 2, 3, 1)
    mix = torch.randn(y.shape, generator=g)
    (y * mix).sum().backward()
    config = {"pool_size": list(pool_size), "strides": None if strides is None else list(strides), "padding": padding,
              "data_format": "channels_last"}
    return {"layer": layer, "name": name, "config": config, "training": False, "weights": {}, "x": tensor(x),
            "mix": tensor(mix), "y": tensor(y), "dx": tensor(x.grad), "grads": {}, "after": {}}


def global_case(layer, name, shape, keepdims=False, mask=None, seed=0):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(shape, generator=g).requires_grad_(True)
    axes = list(range(1, len(shape) - 1))
    if mask is not None:
        m = torch.tensor(mask, dtype=torch.float64).unsqueeze(-1)
        y = (x * m).sum(dim=1, keepdim=keepdims) / m.sum(dim=1, keepdim=keepdims)
    elif layer.startswith("GlobalAverage"):
        y = x.mean(dim=axes, keepdim=keepdims)
    else:
        y = x.amax(dim=axes, keepdim=keepdims)
    mix = torch.randn(y.shape, generator=g)
    (y * mix).sum().backward()
    case = {"layer": layer, "name": name, "config": {"data_format": "channels_last", "keepdims": keepdims},
            "training": False, "weights": {}, "x": tensor(x), "mix": tensor(mix), "y": tensor(y), "dx": tensor(x.grad),
            "grads": {}, "after": {}}
    if mask is not None:
        case["mask"] = tensor(torch.tensor(mask, dtype=torch.float64))
    return case


def main():
    cases = [
        conv_case("Conv2D", "odd 7x6, kernel 3x2, strides (2, 1), same", [2, 7, 6, 3], 4, [3, 2], [2, 1], "same", seed=1),
        conv_case("Conv2D", "dilation 2, valid, relu", [2, 9, 8, 2], 3, [3, 3], dilation=[2, 2], activation="relu", seed=2),
        conv_case("Conv2D", "groups 2, stride 2, same", [2, 7, 7, 4], 6, [3, 3], [2, 2], "same", groups=2, seed=3),
        conv_case("Conv2D", "even input, kernel 4, stride 2, same (extra zero bottom/right), no bias", [1, 8, 8, 2], 3,
                  [4, 4], [2, 2], "same", use_bias=False, seed=4),
        conv_case("Conv2D", "dilation (2, 1), same, odd 6x5", [2, 6, 5, 3], 2, [3, 3], padding="same", dilation=[2, 1],
                  seed=5),
        conv_case("Conv2D", "8 channels, 3x3 same (Winograd's path)", [2, 6, 7, 8], 5, [3, 3], padding="same", seed=6),
        conv_case("Conv2D", "12 channels, 1x1 stride 2, groups 3", [2, 5, 5, 12], 6, [1, 1], [2, 2], groups=3, seed=7),
        conv_case("Conv1D", "valid, kernel 3, stride 2, odd length", [2, 9, 3], 4, [3], [2], seed=11),
        conv_case("Conv1D", "same, kernel 4, stride 2", [2, 7, 3], 2, [4], [2], "same", seed=12),
        conv_case("Conv1D", "causal, dilation 2, relu", [2, 8, 2], 3, [3], padding="causal", dilation=[2],
                  activation="relu", seed=13),
        conv_case("Conv1D", "groups 3, same, 12 channels", [2, 6, 12], 9, [2], padding="same", groups=3, seed=14),
        depthwise_case("DepthwiseConv2D", "odd 7x6, kernel 3, stride 2, same", [2, 7, 6, 3], [3, 3], strides=[2, 2],
                       padding="same", seed=41),
        depthwise_case("DepthwiseConv2D", "multiplier 2, kernel (2, 3), dilation 2, valid, relu", [2, 7, 8, 3], [2, 3], 2,
                       dilation=[2, 2], activation="relu", seed=42),
        depthwise_case("DepthwiseConv2D", "multiplier 3, no bias, stride (1, 2), same", [1, 5, 6, 2], [3, 3], 3,
                       strides=[1, 2], padding="same", use_bias=False, seed=43),
        depthwise_case("SeparableConv2D", "filters 5, kernel 3, same, relu", [2, 6, 5, 4], [3, 3], filters=5,
                       padding="same", activation="relu", seed=44),
        depthwise_case("SeparableConv2D", "multiplier 2, stride 2, valid, odd 7x7", [2, 7, 7, 3], [3, 3], 2, filters=4,
                       strides=[2, 2], seed=45),
        depthwise_case("SeparableConv1D", "filters 3, kernel 3, causal, dilation 2", [2, 9, 4], [3], filters=3,
                       padding="causal", dilation=[2], seed=46),
        depthwise_case("SeparableConv1D", "multiplier 2, stride 2, same, no bias", [2, 8, 3], [4], 2, filters=2,
                       strides=[2], padding="same", use_bias=False, seed=47),
        transpose_case("Conv2DTranspose", "kernel 3, stride 2, same: out = in * s", [2, 4, 5, 3], 4, [3, 3], [2, 2],
                       "same", seed=51),
        transpose_case("Conv2DTranspose", "kernel (4, 3), stride 2, same, output_padding 1", [2, 3, 4, 2], 3, [4, 3],
                       [2, 2], "same", [1, 1], seed=52),
        transpose_case("Conv2DTranspose", "kernel 2, stride 3, valid: zeros past the kernel, relu", [1, 3, 3, 2], 2,
                       [2, 2], [3, 3], activation="relu", seed=53),
        transpose_case("Conv2DTranspose", "kernel 3, stride (2, 1), valid, output_padding (1, 0), no bias",
                       [2, 3, 4, 3], 2, [3, 3], [2, 1], "valid", [1, 0], use_bias=False, seed=54),
        transpose_case("Conv2DTranspose", "kernel 3, dilation 2, same", [2, 5, 4, 2], 3, [3, 3], [1, 1], "same",
                       dilation=[2, 2], seed=55),
        transpose_case("Conv2DTranspose", "9 channels, kernel 3, stride 2, same", [2, 4, 4, 9], 5, [3, 3], [2, 2],
                       "same", seed=56),
        transpose_case("Conv1DTranspose", "kernel 3, stride 2, same", [2, 5, 3], 4, [3], [2], "same", seed=57),
        transpose_case("Conv1DTranspose", "kernel 4, stride 2, valid, output_padding 1", [2, 4, 2], 3, [4], [2], "valid",
                       [1], seed=58),
        pool_case("MaxPooling2D", "pool (3, 2), strides (2, 1), same, odd 7x6", [2, 7, 6, 2], [3, 2], [2, 1], "same", seed=21),
        pool_case("MaxPooling2D", "pool 2, valid, odd 5x5 drops the last row and column", [2, 5, 5, 3], [2, 2], seed=22),
        pool_case("AveragePooling2D", "pool 3, stride 2, same: border windows average their inside cells", [2, 7, 8, 2],
                  [3, 3], [2, 2], "same", seed=23),
        pool_case("AveragePooling2D", "pool (2, 3), strides (1, 2), valid", [2, 5, 7, 2], [2, 3], [1, 2], seed=24),
        pool_case("MaxPooling1D", "pool 3, stride 2, same", [2, 8, 3], [3], [2], "same", seed=25),
        pool_case("AveragePooling1D", "pool 2, stride 1, same: the last window has one step", [2, 5, 3], [2], [1], "same",
                  seed=26),
        pool_case("AveragePooling1D", "pool 3, default strides, valid, length 10", [2, 10, 2], [3], seed=27),
        global_case("GlobalAveragePooling1D", "keepdims", [2, 5, 3], keepdims=True, seed=31),
        global_case("GlobalAveragePooling1D", "masked steps are left out", [3, 5, 2],
                    mask=[[1, 1, 1, 0, 0], [1, 0, 1, 0, 1], [1, 1, 1, 1, 1]], seed=32),
        global_case("GlobalMaxPooling1D", "plain", [2, 6, 3], seed=33),
        global_case("GlobalAveragePooling2D", "odd 5x3", [2, 5, 3, 4], seed=34),
        global_case("GlobalMaxPooling2D", "keepdims", [2, 4, 3, 2], keepdims=True, seed=35),
    ]
    write("convolution.json", cases)


if __name__ == "__main__":
    main()
