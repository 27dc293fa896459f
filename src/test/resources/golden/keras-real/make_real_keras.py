#!/usr/bin/python3
"""Independent float64 forward pass (PyTorch, Keras 3 semantics) of keras2c's example model
(src/test/resources/keras/real/keras2c_example.h5, a Keras 2.2.4 functional model: Dense relu,
Dense relu, LSTM(relu, hard_sigmoid gates), Dense linear), read from the .h5 file alone with h5py.
Writes keras2c_example.json next to this script for RealKerasFilesTest.

Keras 3 semantics: hard_sigmoid(x) = relu6(x + 3) / 6 (Keras 2 used clip(0.2 x + 0.5)); the LSTM
gates are ordered i, f, c, o in the kernel's columns; c' = f c + i act(x W_c + h U_c + b_c),
h' = o act(c').

Usage: make_real_keras.py   (run from the repository root)
"""
import json
import os

import h5py
import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL = os.path.join(HERE, "..", "..", "keras", "real", "keras2c_example.h5")


def weights(f, layer):
    group = f["model_weights"][layer]
    return [torch.tensor(np.array(group[n]), dtype=torch.float64) for n in group.attrs["weight_names"]]


def hard_sigmoid(z):
    return torch.clamp(z + 3, 0, 6) / 6


def lstm(x, kernel, recurrent, bias, units):
    h = torch.zeros(x.shape[0], units, dtype=torch.float64)
    c = torch.zeros_like(h)
    for t in range(x.shape[1]):
        z = x[:, t] @ kernel + h @ recurrent + bias
        i, f, g, o = (z[:, k * units:(k + 1) * units] for k in range(4))
        c = hard_sigmoid(f) * c + hard_sigmoid(i) * torch.relu(g)
        h = hard_sigmoid(o) * torch.relu(c)
    return h


def main():
    rng = np.random.default_rng(7)
    x = torch.tensor(rng.uniform(-1, 1, (3, 8, 32)))
    with h5py.File(MODEL, "r") as f:
        config = json.loads(f.attrs["model_config"])
        names = [l["config"]["name"] for l in config["config"]["layers"]]
        assert names == ["input_1", "dense_1", "dense_2", "lstm_1", "dense_3"], names
        w1, b1 = weights(f, "dense_1")
        w2, b2 = weights(f, "dense_2")
        k, r, b = weights(f, "lstm_1")
        w3, b3 = weights(f, "dense_3")
    y = torch.relu(x @ w1 + b1)
    y = torch.relu(y @ w2 + b2)
    y = lstm(y, k, r, b, 20)
    y = y @ w3 + b3
    with open(os.path.join(HERE, "keras2c_example.json"), "w") as out:
        json.dump({"input_shape": list(x.shape), "input": x.flatten().tolist(),
                   "output_shape": list(y.shape), "output": y.flatten().tolist()}, out)


if __name__ == "__main__":
    main()
