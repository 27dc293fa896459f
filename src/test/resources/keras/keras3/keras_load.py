#!/usr/bin/python3
"""Loads a model file with Keras itself and prints its predictions, for Lepton's test that Keras
reads what Lepton writes. Needs Keras 3 with a backend (KERAS_BACKEND, default jax).

Usage: keras_load.py MODEL_FILE INPUTS_JSON [WEIGHTS_FILE]
  MODEL_FILE    a .keras or .h5 file
  INPUTS_JSON   {"inputs": [{"shape": [...], "values": [...]}, ...]}
  WEIGHTS_FILE  a .weights.h5 file loaded into the model with load_weights before predicting
Prints {"outputs": [...], "optimizer": name or null, "iterations": n, "layers": [names]}.
"""
import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402
import numpy as np  # noqa: E402


def main():
    model = keras.models.load_model(sys.argv[1])
    inputs = [np.asarray(i["values"], dtype="float32").reshape(i["shape"]) for i in json.load(open(sys.argv[2]))["inputs"]]
    if len(sys.argv) > 3:
        model.load_weights(sys.argv[3])
    y = model.predict(inputs if len(inputs) > 1 else inputs[0], verbose=0)
    optimizer = getattr(model, "optimizer", None)
    print(json.dumps({"outputs": np.asarray(y).reshape(-1).astype(float).tolist(),
                      "optimizer": type(optimizer).__name__ if optimizer else None,
                      "iterations": int(optimizer.iterations.numpy()) if optimizer else 0,
                      "layers": [layer.name for layer in model.layers]}))


if __name__ == "__main__":
    main()
