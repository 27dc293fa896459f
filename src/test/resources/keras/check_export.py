#!/usr/bin/python3
"""Reads a model file that Lepton wrote the way Keras 3 reads it, with h5py, zipfile and NumPy only,
and runs the model's forward pass in NumPy (float64) from the file alone. Used by Lepton's tests.

Usage: check_export.py MODEL_FILE INPUTS_JSON
  MODEL_FILE   a .keras zip, a .h5 model file, or a .weights.h5 file together with a .keras file of
               the same model given as a third argument (its config.json names the layers)
  INPUTS_JSON  {"inputs": [{"shape": [...], "values": [...]}, ...]}
Prints one JSON object: {"outputs": [[...], ...], "groups": [...], "problems": [...]}; "problems"
lists every departure from Keras's layout that the check found (it is empty for a good file).

The layout rules are Keras 3's (keras/src/saving/saving_lib.py): model.layers in config order (for
a Sequential, without its InputLayer), each layer's variables under layers/<snake_case class name,
made unique with _1, _2 in that order>/vars/0, 1, ..., the group's "name" attribute being the
layer's name, nested models recursively, float32 datasets; the legacy .h5 rules are
keras/src/legacy/saving/legacy_h5_format.py's.
"""
import io
import json
import re
import sys
import zipfile

import h5py
import numpy as np

problems = []


def snake_case(name):
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    name = re.sub("([a-z])([A-Z])", r"\1_\2", name)
    return name.lower()


def check(condition, message):
    if not condition:
        problems.append(message)


def model_layers(entry):
    layers = entry["config"]["layers"]
    if entry["class_name"] == "Sequential" and layers and layers[0]["class_name"] == "InputLayer":
        return layers[1:]
    return layers


def keras3_weights(entry, group, groups):
    """{layer name: [arrays]} read from a Keras 3 weights tree, checking its layout."""
    out = {}
    used = {}
    check(group["vars"].attrs.get("name") == entry["config"]["name"], f"{group.name}/vars is not named after the model")
    for layer in model_layers(entry):
        name = snake_case(layer["class_name"])
        if name in used:
            used[name] += 1
            name = f"{name}_{used[name]}"
        else:
            used[name] = 0
        g = group[f"layers/{name}"]
        groups.append(g.name)
        check(g["vars"].attrs.get("name") == layer["config"]["name"],
              f"{g.name}/vars is named {g['vars'].attrs.get('name')}, not {layer['config']['name']}")
        if layer["class_name"] in ("Sequential", "Functional"):
            out.update(keras3_weights(layer, g, groups))
            continue
        keys = sorted(g["vars"].keys(), key=int)
        check(keys == [str(i) for i in range(len(keys))], f"{g.name}/vars holds {keys}")
        for k in keys:
            check(g["vars"][k].dtype == np.float32, f"{g.name}/vars/{k} is {g['vars'][k].dtype}, not float32")
        out[layer["config"]["name"]] = [np.asarray(g["vars"][k], dtype=np.float64) for k in keys]
    return out


def legacy_weights(f, config, groups):
    out = {}
    mw = f["model_weights"]
    names = [n.decode("utf8") for n in mw.attrs["layer_names"]]
    top = [layer["config"]["name"] for layer in model_layers(config)]
    check(names == top, f"layer_names {names} are not model.layers {top}")
    for name in names:
        g = mw[name]
        groups.append(g.name)
        weight_names = [n.decode("utf8") for n in g.attrs["weight_names"]] if len(g.attrs["weight_names"]) else []
        for w in weight_names:
            check(g[w].dtype == np.float32, f"{g.name}/{w} is {g[w].dtype}, not float32")
            # A weight's name ends with its own layer's name and the variable's (a nested model's weights too).
            owner = re.sub(r":\d+$", "", w).split("/")[-2]
            out.setdefault(owner, []).append(np.asarray(g[w], dtype=np.float64))
    return out


def conv2d(x, kernel, bias, strides, padding):
    kh, kw = kernel.shape[:2]
    sh, sw = strides
    n, h, w, c = x.shape
    if padding == "same":
        oh, ow = -(-h // sh), -(-w // sw)
        ph, pw = max((oh - 1) * sh + kh - h, 0), max((ow - 1) * sw + kw - w, 0)
        x = np.pad(x, ((0, 0), (ph // 2, ph - ph // 2), (pw // 2, pw - pw // 2), (0, 0)))
    oh, ow = (x.shape[1] - kh) // sh + 1, (x.shape[2] - kw) // sw + 1
    out = np.zeros((n, oh, ow, kernel.shape[3]))
    for i in range(oh):
        for j in range(ow):
            patch = x[:, i * sh:i * sh + kh, j * sw:j * sw + kw, :]
            out[:, i, j, :] = np.tensordot(patch, kernel, axes=([1, 2, 3], [0, 1, 2]))
    return out + bias if bias is not None else out


def max_pool(x, pool, strides, padding):
    ph, pw = pool
    sh, sw = strides
    if padding == "same":
        oh, ow = -(-x.shape[1] // sh), -(-x.shape[2] // sw)
        padh, padw = max((oh - 1) * sh + ph - x.shape[1], 0), max((ow - 1) * sw + pw - x.shape[2], 0)
        x = np.pad(x, ((0, 0), (padh // 2, padh - padh // 2), (padw // 2, padw - padw // 2), (0, 0)),
                   constant_values=-np.inf)
    oh, ow = (x.shape[1] - ph) // sh + 1, (x.shape[2] - pw) // sw + 1
    out = np.zeros((x.shape[0], oh, ow, x.shape[3]))
    for i in range(oh):
        for j in range(ow):
            out[:, i, j, :] = x[:, i * sh:i * sh + ph, j * sw:j * sw + pw, :].max(axis=(1, 2))
    return out


def activation(name, z):
    if name == "relu":
        return np.maximum(z, 0)
    if name == "softmax":
        e = np.exp(z - z.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)
    if name == "tanh":
        return np.tanh(z)
    if name == "sigmoid":
        return 1 / (1 + np.exp(-z))
    check(name == "linear", f"the check does not know the activation {name}")
    return z


def run_layer(layer, args, weights):
    cls, c = layer["class_name"], layer["config"]
    w = weights.get(c["name"], [])
    if cls in ("Sequential", "Functional"):
        return run_model(layer, args, weights)
    x = args[0]
    if cls == "Dense":
        return activation(c["activation"], x @ w[0] + (w[1] if c["use_bias"] else 0))
    if cls == "Conv2D":
        return activation(c["activation"], conv2d(x, w[0], w[1] if c["use_bias"] else None, c["strides"], c["padding"]))
    if cls == "MaxPooling2D":
        return max_pool(x, c["pool_size"], c["strides"], c["padding"])
    if cls == "Flatten":
        return x.reshape(x.shape[0], -1)
    if cls == "Dropout":
        return x
    if cls == "Activation":
        return activation(c["activation"], x)
    if cls == "Add":
        return sum(args)
    if cls == "Subtract":
        return args[0] - args[1]
    if cls == "Multiply":
        return np.prod(args, axis=0)
    if cls == "Average":
        return sum(args) / len(args)
    if cls == "Maximum":
        return np.max(args, axis=0)
    if cls == "Minimum":
        return np.min(args, axis=0)
    if cls == "Concatenate":
        return np.concatenate(args, axis=c["axis"])
    check(False, f"the check does not know the layer class {cls}")
    return x


def tensors_of(arg):
    if isinstance(arg, list):
        return [t for a in arg for t in tensors_of(a)]
    if isinstance(arg, dict) and arg.get("class_name") == "__keras_tensor__":
        return [arg["config"]["keras_history"]]
    if isinstance(arg, list) and arg and isinstance(arg[0], str):
        return [arg]
    return []


def node_refs(node):
    if isinstance(node, dict):
        return tensors_of(node["args"])
    return [ref[:3] for ref in node]


def run_model(entry, inputs, weights):
    config = entry["config"]
    if entry["class_name"] == "Sequential":
        x = inputs[0]
        for layer in model_layers(entry):
            x = run_layer(layer, [x], weights)
        return x
    values = {}
    for ref, value in zip(config["input_layers"], inputs):
        values[tuple(ref)] = value
    pending = [layer for layer in config["layers"] if layer["class_name"] != "InputLayer"]
    while pending:
        progressed = False
        for layer in list(pending):
            nodes = layer["inbound_nodes"]
            refs = node_refs(nodes[0])
            if all(tuple(r) in values for r in refs):
                values[(layer["name"], 0, 0)] = run_layer(layer, [values[tuple(r)] for r in refs], weights)
                pending.remove(layer)
                progressed = True
        if not progressed:
            check(False, "the graph in the config does not connect")
            break
    return values[tuple(config["output_layers"][0])]


def main():
    path, inputs_path = sys.argv[1], sys.argv[2]
    inputs = [np.asarray(i["values"], dtype=np.float64).reshape(i["shape"])
              for i in json.load(open(inputs_path))["inputs"]]
    groups = []
    if path.endswith(".keras"):
        with zipfile.ZipFile(path) as zf:
            check(sorted(zf.namelist()) == ["config.json", "metadata.json", "model.weights.h5"], f"entries {zf.namelist()}")
            config = json.loads(zf.read("config.json"))
            metadata = json.loads(zf.read("metadata.json"))
            check(metadata.get("keras_version", "").startswith("3."), f"metadata {metadata}")
            for key in ["module", "class_name", "config", "registered_name"]:
                check(key in config, f"config.json has no {key}")
            with h5py.File(io.BytesIO(zf.read("model.weights.h5")), "r") as f:
                weights = keras3_weights(config, f, groups)
                optimizer = sorted(f["optimizer/vars"].keys(), key=int) if "optimizer" in f else []
    elif path.endswith(".weights.h5"):
        with zipfile.ZipFile(sys.argv[3]) as zf:
            config = json.loads(zf.read("config.json"))
        with h5py.File(path, "r") as f:
            weights = keras3_weights(config, f, groups)
            optimizer = sorted(f["optimizer/vars"].keys(), key=int) if "optimizer" in f else []
    else:
        with h5py.File(path, "r") as f:
            config = json.loads(f.attrs["model_config"])
            check("module" not in config, "a legacy model_config has no module keys")
            weights = legacy_weights(f, config, groups)
            optimizer = []
    output = run_model(config, inputs, weights)
    print(json.dumps({"outputs": output.reshape(-1).tolist(), "shape": list(output.shape), "groups": groups,
                      "optimizer_variables": len(optimizer), "problems": problems}))


if __name__ == "__main__":
    main()
