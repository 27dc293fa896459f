#!/usr/bin/python3
"""Writes the HDF5 and Keras fixtures of Lepton's ai.lepton.io.hdf5 tests with h5py and NumPy.

Run from this folder: /usr/bin/python3 make_fixtures.py (needs python3-h5py and python3-numpy).

Files written:
  hdf5_features.h5         groups, datasets of every rank (scalar and empty included), integer,
                           float and string types, chunked datasets (gzip, shuffle, Fletcher-32,
                           partial edge chunks, chunks never written), fixed and variable-length string attributes,
                           Keras 2's split attributes (layer_names0, layer_names1) and a large
                           model_config attribute, a group with many children
  hdf5_latest.h5           the same kinds of objects written with libver="latest": superblock 3, version 2
                           object headers, dense links and attributes (fractal heap, v2 B-tree), huge attributes
  dense.weights.h5         Keras 3's weights layout for Sequential Dense(4, relu) -> Dense(3, softmax)
  dense.keras              the .keras zip (metadata.json, config.json, model.weights.h5) of that model
  dense_legacy.h5          the Keras 2 (tf.keras) .h5 model file of that model
  conv.weights.h5 / conv.keras / conv_legacy.h5
                           the same for Conv2D(2, 3x3, relu) -> MaxPooling2D(2) -> Flatten -> Dense(3, softmax),
                           compiled with Adam (optimizer variables included, as Keras saves them)
  functional.keras / functional_legacy.h5
                           a functional model of two inputs: Dense and Dense, Add, a nested Sequential "block"
                           (Dense, tanh), Concatenate, Dropout, Dense(3, softmax); its last Dense is named dense_3
                           but stored as layers/dense_2, as Keras names groups by class in model.layers order
  functional_expected.json its two inputs and NumPy's output
  ../../../../data/digits_0_to_4.keras
                           the model of the tutorial docs/11-keras-files.md: a nested Sequential "base"
                           (Conv2D(8, 3x3, relu), MaxPooling2D, Flatten) and a Dense(5, softmax) "head", trained
                           here in NumPy with Adam on the digits 0 to 4 among the first 1,000 rows of data/digits.csv,
                           saved compiled with its Adam state as Keras 3 saves a trained model
  <name>.tree.json         for every HDF5 file (the .keras's weights included): what h5py reads in it,
                           object by object, the reference that the Java tests compare against
  dense_expected.json, conv_expected.json
                           a fixed input and the model's output computed here in NumPy (float64)

The Keras 3 layouts follow keras/src/saving/saving_lib.py (H5IOStore, _save_state: each saveable's
variables under <path>/vars as "0", "1", ..., with the saveable's name as the group's "name"
attribute; layers named by snake_case class name, made unique with _1, _2) and a real file saved by
Keras 3.9.2. The legacy layout follows keras/src/legacy/saving/legacy_h5_format.py as tf.keras 2.x
wrote it (weight names such as dense/kernel:0). config.json is written by hand from Keras's schema
(module, class_name, config, registered_name, build_config, compile_config).
"""
import io
import json
import os
import zipfile

import h5py
import numpy as np

KERAS_VERSION = "3.9.2"
LEGACY_KERAS_VERSION = "2.15.0"
HDF5_OBJECT_HEADER_LIMIT = 64512
ZIP_TIME = (2025, 1, 1, 0, 0, 0)
rng = np.random.default_rng(19)


def f32(*shape):
    return rng.normal(0, 0.5, size=shape).astype(np.float32)


# ---------------------------------------------------------------- the HDF5 feature file


def write_features(path):
    with h5py.File(path, "w") as f:
        f["scalar_f32"] = np.float32(3.25)
        f["scalar_f64"] = np.float64(1 / 3)
        f["empty_f32"] = np.zeros((0,), dtype=np.float32)
        f["empty_2d"] = np.zeros((3, 0), dtype=np.float32)
        f["rank1"] = np.array([1.5, -2.0, 3e-8, np.inf, -np.inf, 1e-45, 3.4028235e38], dtype=np.float32)
        f["rank2_f64"] = np.array([[1 / 3, 2 / 3, np.pi], [-0.0, 1e-300, 1e300]], dtype=np.float64)
        f["rank4"] = f32(2, 3, 1, 4)
        f["rank5"] = f32(1, 2, 1, 2, 3)
        f["int8"] = np.array([-128, 0, 127], dtype=np.int8)
        f["uint8"] = np.array([0, 255], dtype=np.uint8)
        f["int16"] = np.array([-32768, 32767], dtype=np.int16)
        f["int32"] = np.array([[-2147483648, 2147483647]], dtype=np.int32)
        f["uint32"] = np.array([4294967295], dtype=np.uint32)
        f["int64"] = np.int64(-(2 ** 53))
        f["uint64"] = np.array([2 ** 53], dtype=np.uint64)
        f["float16"] = np.array([1.0, -0.5, 65504.0, 6e-8], dtype=np.float16)
        f["big_endian"] = np.array([1.25, -7.5], dtype=">f4")
        f["strings_vlen"] = np.array(["alpha", "βeta", ""], dtype=h5py.string_dtype())
        f["strings_fixed"] = np.array([b"dense", b"dense_1"])
        f["bool"] = np.array([True, False])
        # Chunked storage, which Keras never writes but h5py does when asked: compressed, shuffled and
        # checksummed chunks that overhang the edges, and a dataset with chunks left unwritten.
        chunk_rng = np.random.default_rng(7)
        f.create_dataset("chunked_gzip", data=chunk_rng.normal(size=(5, 7)).astype(np.float32), chunks=(2, 3), compression="gzip", shuffle=True,
                         fletcher32=True)
        f.create_dataset("chunked_many", data=np.arange(24 * 24, dtype=np.float64).reshape(24, 24), chunks=(2, 2),
                         compression="gzip")
        partly = f.create_dataset("chunked_partly_written", shape=(4, 4), chunks=(2, 2), dtype=np.int32, fillvalue=7)
        partly[0:2, 0:2] = np.arange(4, dtype=np.int32).reshape(2, 2)
        g = f.create_group("nested/deeper/deepest")
        g.attrs["note"] = "three levels down"
        g["values"] = f32(2, 2)
        many = f.create_group("many")
        for i in range(40):
            many.create_group(f"child_{i:03d}")
        f.create_group("empty_group")

        a = f["rank1"].attrs
        a["vlen_scalar"] = "dense"
        a["vlen_unicode"] = "poids, Gewichte, 重み"
        a["vlen_array"] = ["a", "bc", ""]
        a["bytes_scalar"] = b"legacy bytes"
        a["fixed_array"] = np.array([b"conv2d", b"max_pooling2d", b"flatten"])
        a["fixed_2d"] = np.array([[b"a", b"bb"], [b"ccc", b""]])
        a["float_scalar"] = np.float32(0.1)
        a["float_array"] = np.array([0.5, 0.25], dtype=np.float64)
        a["int_array"] = np.array([1, -2, 3], dtype=np.int64)
        a["empty_float_array"] = np.asarray([])
        f.attrs["model_config"] = json.dumps({"class_name": "Sequential", "padding": "x" * 40000}).encode("utf8")
        layer_names = [f"a_layer_with_a_rather_long_name_{i:04d}".encode("utf8") for i in range(1800)]
        save_attributes_to_hdf5_group(f, "layer_names", layer_names)
        f.attrs["short_names"] = np.array([b"a", b"b"])


def write_latest(path):
    """HDF5's newer structures, which h5py writes with libver="latest": superblock 3, version 2 object
    headers, and dense storage (fractal heap and v2 B-tree) for many links and many or huge attributes."""
    with h5py.File(path, "w", libver="latest") as f:
        many = f.create_group("many")
        for i in range(100):
            many.create_group(f"child_{i:03d}")
        f.create_group("n" * 255)  # its link message stores the name's length as the single byte 0xff
        for i in range(12):
            f.attrs[f"attribute_{i:02d}"] = np.float32(i) / 3
        f.attrs["huge"] = np.arange(1100, dtype=np.float32) / 7  # more than the 4 KiB of a managed heap object
        f.attrs["config"] = json.dumps({"padding": "y" * 5000})
        d = f.create_dataset("layers/dense/vars/0", data=np.arange(12, dtype=np.float32).reshape(3, 4) / 9)
        for i in range(10):
            d.attrs[f"note_{i}"] = f"value {i}"
        f["layers/dense/vars"].attrs["name"] = "dense"


def save_attributes_to_hdf5_group(group, name, data):
    """Keras's own splitting of a long list into name0, name1, ... (legacy_h5_format.py)."""
    data_npy = np.asarray(data)
    num_chunks = 1
    chunked_data = np.array_split(data_npy, num_chunks)
    while any(x.nbytes > HDF5_OBJECT_HEADER_LIMIT for x in chunked_data):
        num_chunks += 1
        chunked_data = np.array_split(data_npy, num_chunks)
    if num_chunks > 1:
        for chunk_id, chunk_data in enumerate(chunked_data):
            group.attrs["%s%d" % (name, chunk_id)] = chunk_data
    else:
        group.attrs[name] = data


# ---------------------------------------------------------------- the two models


def dtype_policy():
    return {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": None}


def initializer(name):
    config = {} if name == "Zeros" else {"seed": None}
    return {"module": "keras.initializers", "class_name": name, "config": config, "registered_name": None}


def layer(class_name, config, build_shape=None):
    out = {"module": "keras.layers", "class_name": class_name, "config": config, "registered_name": None}
    if build_shape is not None:
        out["build_config"] = {"input_shape": build_shape}
    return out


def dense_config(name, units, activation):
    return {"name": name, "trainable": True, "dtype": dtype_policy(), "units": units, "activation": activation,
            "use_bias": True, "kernel_initializer": initializer("GlorotUniform"),
            "bias_initializer": initializer("Zeros"), "kernel_regularizer": None, "bias_regularizer": None,
            "kernel_constraint": None, "bias_constraint": None}


def input_layer(shape):
    return layer("InputLayer", {"batch_shape": [None] + shape, "dtype": "float32", "sparse": False,
                                "ragged": False, "name": "input_layer"})


def sequential(layers, input_shape, compile_config):
    return {"module": "keras", "class_name": "Sequential",
            "config": {"name": "sequential", "trainable": True, "dtype": dtype_policy(), "layers": layers,
                       "build_input_shape": [None] + input_shape},
            "registered_name": None, "build_config": {"input_shape": [None] + input_shape},
            "compile_config": compile_config}


ADAM = {"module": "keras.optimizers", "class_name": "Adam",
        "config": {"name": "adam", "learning_rate": 0.0010000000474974513, "weight_decay": None, "clipnorm": None,
                   "global_clipnorm": None, "clipvalue": None, "use_ema": False, "ema_momentum": 0.99,
                   "ema_overwrite_frequency": None, "loss_scale_factor": None,
                   "gradient_accumulation_steps": None, "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-07,
                   "amsgrad": False},
        "registered_name": None}
COMPILE = {"optimizer": ADAM, "loss": "categorical_crossentropy", "loss_weights": None, "metrics": None,
           "weighted_metrics": None, "run_eagerly": False, "steps_per_execution": 1, "jit_compile": False}


def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def dense_model():
    w1, b1, w2, b2 = f32(8, 4), f32(4), f32(4, 3), f32(3)
    layers = [("dense", "dense", "Dense", [w1, b1]), ("dense_1", "dense_1", "Dense", [w2, b2])]
    config = sequential([input_layer([8]),
                         layer("Dense", dense_config("dense", 4, "relu"), [None, 8]),
                         layer("Dense", dense_config("dense_1", 3, "softmax"), [None, 4])], [8], None)
    x = rng.normal(size=(2, 8))
    h = np.maximum(x @ w1.astype(np.float64) + b1, 0)
    y = softmax(h @ w2.astype(np.float64) + b2)
    return layers, config, None, x, y


def conv_model():
    kernel, bias, w, b = f32(3, 3, 1, 2), f32(2), f32(8, 3), f32(3)
    layers = [("conv2d", "conv2d", "Conv2D", [kernel, bias]),
              ("max_pooling2d", "max_pooling2d", "MaxPooling2D", []),
              ("flatten", "flatten", "Flatten", []),
              ("dense", "dense", "Dense", [w, b])]
    conv = {"name": "conv2d", "trainable": True, "dtype": dtype_policy(), "filters": 2, "kernel_size": [3, 3],
            "strides": [1, 1], "padding": "valid", "data_format": "channels_last", "dilation_rate": [1, 1],
            "groups": 1, "activation": "relu", "use_bias": True,
            "kernel_initializer": initializer("GlorotUniform"), "bias_initializer": initializer("Zeros"),
            "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
            "kernel_constraint": None, "bias_constraint": None}
    pool = {"name": "max_pooling2d", "trainable": True, "dtype": dtype_policy(), "pool_size": [2, 2],
            "padding": "valid", "strides": [2, 2], "data_format": "channels_last"}
    flatten = {"name": "flatten", "trainable": True, "dtype": dtype_policy(), "data_format": "channels_last"}
    config = sequential([input_layer([6, 6, 1]),
                         layer("Conv2D", conv, [None, 6, 6, 1]),
                         layer("MaxPooling2D", pool),
                         layer("Flatten", flatten),
                         layer("Dense", dense_config("dense", 3, "softmax"), [None, 8])], [6, 6, 1], COMPILE)
    # Adam's variables as Keras 3 lists them: iterations, learning rate, then momentum and velocity per weight.
    trainable = [kernel, bias, w, b]
    optimizer = [np.int64(7), np.float32(0.001)]
    for v in trainable:
        optimizer += [(rng.normal(size=v.shape) * 0.01).astype(np.float32),
                      np.abs(rng.normal(size=v.shape) * 1e-4).astype(np.float32)]
    x = rng.normal(size=(2, 6, 6, 1))
    k = kernel.astype(np.float64)
    conv_out = np.zeros((2, 4, 4, 2))
    for i in range(4):
        for j in range(4):
            patch = x[:, i:i + 3, j:j + 3, :]
            conv_out[:, i, j, :] = np.tensordot(patch, k, axes=([1, 2, 3], [0, 1, 2]))
    conv_out = np.maximum(conv_out + bias, 0)
    pooled = conv_out.reshape(2, 2, 2, 2, 2, 2).max(axis=(2, 4))
    y = softmax(pooled.reshape(2, 8) @ w.astype(np.float64) + b)
    return layers, config, optimizer, x, y


def functional_model():
    """Keras 3's functional config, model.layers order (map_graph: by depth, then first visit) and weights."""
    w0, b0, w1, b1 = f32(6, 5), f32(5), f32(4, 5), f32(5)
    wi, bi, w3, b3 = f32(5, 4), f32(4), f32(9, 3), f32(3)

    def tensor(layer_name, shape):
        return {"class_name": "__keras_tensor__",
                "config": {"shape": [None, shape], "dtype": "float32", "keras_history": [layer_name, 0, 0]}}

    def node(*args):
        return [{"args": list(args), "kwargs": {}}]

    def entry(class_name, config, inbound, build_shape=None):
        e = layer(class_name, config, build_shape)
        e["name"] = config["name"]
        e["inbound_nodes"] = inbound
        return e

    def named_input(name, width):
        e = input_layer([width])
        e["config"]["name"] = name
        e["name"] = name
        e["inbound_nodes"] = []
        return e

    def base(name):
        return {"name": name, "trainable": True, "dtype": dtype_policy()}

    block = {"module": "keras", "class_name": "Sequential",
             "config": {"name": "block", "trainable": True, "dtype": dtype_policy(),
                        "layers": [input_layer([5]), layer("Dense", dense_config("inner_dense", 4, "tanh"), [None, 5])],
                        "build_input_shape": [None, 5]},
             "registered_name": None, "build_config": {"input_shape": [None, 5]},
             "name": "block", "inbound_nodes": node(tensor("add", 5))}
    layers = [named_input("input_a", 6), named_input("input_b", 4),
              entry("Dense", dense_config("dense", 5, "relu"), node(tensor("input_a", 6)), [None, 6]),
              entry("Dense", dense_config("dense_1", 5, "linear"), node(tensor("input_b", 4)), [None, 4]),
              entry("Add", base("add"), node([tensor("dense", 5), tensor("dense_1", 5)]), [[None, 5], [None, 5]]),
              block,
              entry("Concatenate", dict(base("concatenate"), axis=-1), node([tensor("block", 4), tensor("dense_1", 5)]),
                    [[None, 4], [None, 5]]),
              entry("Dropout", dict(base("dropout"), rate=0.5, seed=None, noise_shape=None),
                    node(tensor("concatenate", 9)), [None, 9]),
              entry("Dense", dense_config("dense_3", 3, "softmax"), node(tensor("dropout", 9)), [None, 9])]
    config = {"module": "keras.src.models.functional", "class_name": "Functional",
              "config": {"name": "functional", "trainable": True, "layers": layers,
                         "input_layers": [["input_a", 0, 0], ["input_b", 0, 0]], "output_layers": [["dense_3", 0, 0]]},
              "registered_name": None, "compile_config": None}
    # Group names: snake_case class names made unique in model.layers order; the nested model's layers below its own.
    stores = [("input_layer", "input_a", []), ("input_layer_1", "input_b", []), ("dense", "dense", [w0, b0]),
              ("dense_1", "dense_1", [w1, b1]), ("add", "add", []), ("sequential", "block", []),
              ("sequential/layers/dense", "inner_dense", [wi, bi]), ("concatenate", "concatenate", []),
              ("dropout", "dropout", []), ("dense_2", "dense_3", [w3, b3])]
    legacy = {"input_a": [], "input_b": [], "dense": [("dense/kernel:0", w0), ("dense/bias:0", b0)],
              "dense_1": [("dense_1/kernel:0", w1), ("dense_1/bias:0", b1)], "add": [],
              "block": [("inner_dense/kernel:0", wi), ("inner_dense/bias:0", bi)], "concatenate": [], "dropout": [],
              "dense_3": [("dense_3/kernel:0", w3), ("dense_3/bias:0", b3)]}
    a, b = rng.normal(size=(3, 6)), rng.normal(size=(3, 4))
    x = np.maximum(a @ w0.astype(np.float64) + b0, 0)
    y = b @ w1.astype(np.float64) + b1
    h = np.tanh((x + y) @ wi.astype(np.float64) + bi)
    out = softmax(np.concatenate([h, y], axis=-1) @ w3.astype(np.float64) + b3)
    return stores, config, legacy, [a, b], out


def digits_model():
    """A small CNN trained in NumPy (float64 math, float32 weights as Keras keeps them) on the digits 0 to 4."""
    data = np.loadtxt(os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../../data/digits.csv"), delimiter=",")
    train = data[:1000][data[:1000, -1] < 5]
    x = (train[:, :64] / 16).reshape(-1, 8, 8, 1)
    y = np.eye(5)[train[:, -1].astype(int)]
    digits_rng = np.random.default_rng(11)
    kernel = digits_rng.normal(0, np.sqrt(2 / 9), size=(3, 3, 1, 8))
    bias = np.zeros(8)
    w = digits_rng.uniform(-1, 1, size=(72, 5)) * np.sqrt(6 / 77)
    b = np.zeros(5)
    params = [kernel, bias, w, b]
    moments = [np.zeros_like(p) for p in params]
    velocities = [np.zeros_like(p) for p in params]
    n = len(x)
    patches = np.stack([x[:, i:i + 6, j:j + 6, 0] for i in range(3) for j in range(3)], axis=-1).reshape(n * 36, 9)
    steps, lr, beta_1, beta_2, epsilon = 150, 0.01, 0.9, 0.999, 1e-7
    for step in range(1, steps + 1):
        kernel, bias, w, b = params
        conv = (patches @ kernel.reshape(9, 8) + bias).reshape(n, 6, 6, 8)
        active = np.maximum(conv, 0)
        windows = active.reshape(n, 3, 2, 3, 2, 8)
        pooled = windows.max(axis=(2, 4))
        flat = pooled.reshape(n, 72)
        p = softmax(flat @ w + b)
        d_logits = (p - y) / n
        d_flat = (d_logits @ w.T).reshape(n, 3, 1, 3, 1, 8)
        winner = windows == pooled.reshape(n, 3, 1, 3, 1, 8)
        d_active = (winner * d_flat / winner.sum(axis=(2, 4), keepdims=True)).reshape(n, 6, 6, 8) * (conv > 0)
        grads = [(patches.T @ d_active.reshape(n * 36, 8)).reshape(3, 3, 1, 8), d_active.sum(axis=(0, 1, 2)),
                 flat.T @ d_logits, d_logits.sum(axis=0)]
        # Keras 3's Adam: bias corrections folded into the learning rate, epsilon outside the square root.
        alpha = lr * np.sqrt(1 - beta_2 ** step) / (1 - beta_1 ** step)
        for i, g in enumerate(grads):
            moments[i] += (g - moments[i]) * (1 - beta_1)
            velocities[i] += (g * g - velocities[i]) * (1 - beta_2)
            params[i] = params[i] - alpha * moments[i] / (np.sqrt(velocities[i]) + epsilon)
    weights = [p.astype(np.float32) for p in params]
    optimizer = [np.int64(steps), np.float32(lr)]
    for m, v in zip(moments, velocities):
        optimizer += [m.astype(np.float32), v.astype(np.float32)]

    conv = {"name": "conv2d", "trainable": True, "dtype": dtype_policy(), "filters": 8, "kernel_size": [3, 3],
            "strides": [1, 1], "padding": "valid", "data_format": "channels_last", "dilation_rate": [1, 1],
            "groups": 1, "activation": "relu", "use_bias": True, "kernel_initializer": initializer("HeNormal"),
            "bias_initializer": initializer("Zeros"), "kernel_regularizer": None, "bias_regularizer": None,
            "activity_regularizer": None, "kernel_constraint": None, "bias_constraint": None}
    pool = {"name": "max_pooling2d", "trainable": True, "dtype": dtype_policy(), "pool_size": [2, 2],
            "padding": "valid", "strides": [2, 2], "data_format": "channels_last"}
    flatten = {"name": "flatten", "trainable": True, "dtype": dtype_policy(), "data_format": "channels_last"}
    base = {"module": "keras", "class_name": "Sequential",
            "config": {"name": "base", "trainable": True, "dtype": dtype_policy(),
                       "layers": [input_layer([8, 8, 1]), layer("Conv2D", conv, [None, 8, 8, 1]),
                                  layer("MaxPooling2D", pool, [None, 6, 6, 8]), layer("Flatten", flatten, [None, 3, 3, 8])],
                       "build_input_shape": [None, 8, 8, 1]},
            "registered_name": None, "build_config": {"input_shape": [None, 8, 8, 1]}}
    compile_config = dict(COMPILE, optimizer=dict(ADAM, config=dict(ADAM["config"], learning_rate=float(np.float32(lr)))),
                          loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    config = sequential([input_layer([8, 8, 1]), base, layer("Dense", dense_config("head", 5, "softmax"), [None, 72])],
                        [8, 8, 1], compile_config)
    config["config"]["name"] = "digits_0_to_4"
    stores = [("sequential", "base", None, []), ("sequential/layers/conv2d", "conv2d", None, weights[:2]),
              ("sequential/layers/max_pooling2d", "max_pooling2d", None, []),
              ("sequential/layers/flatten", "flatten", None, []), ("dense", "head", None, weights[2:])]
    return config, stores, optimizer


def legacy_functional_config(config):
    """tf.keras 2.x's model_config of a functional model: inbound nodes as [[layer, node, tensor, {}]]."""
    def convert(entry):
        if entry["class_name"] == "Sequential":
            return legacy_config(entry) | {"name": entry["name"], "inbound_nodes": nodes(entry)}
        c = dict(entry["config"])
        if entry["class_name"] == "InputLayer":
            c["batch_input_shape"] = c.pop("batch_shape")
        else:
            c["dtype"] = "float32"
            for key in ["kernel_initializer", "bias_initializer"]:
                if key in c:
                    c[key] = {"class_name": c[key]["class_name"], "config": c[key]["config"]}
        return {"class_name": entry["class_name"], "config": c, "name": entry["name"], "inbound_nodes": nodes(entry)}

    def nodes(entry):
        out = []
        for n in entry["inbound_nodes"]:
            args = n["args"][0]
            tensors = args if isinstance(args, list) else [args]
            out.append([t["config"]["keras_history"] + [{}] for t in tensors])
        return out

    c = config["config"]
    return {"class_name": "Functional", "config": {"name": c["name"], "layers": [convert(e) for e in c["layers"]],
                                                   "input_layers": c["input_layers"], "output_layers": c["output_layers"]}}


def write_functional_legacy(path, config, legacy):
    with h5py.File(path, "w") as f:
        f.attrs["backend"] = "tensorflow"
        f.attrs["keras_version"] = LEGACY_KERAS_VERSION
        f.attrs["model_config"] = json.dumps(legacy_functional_config(config)).encode("utf8")
        mw = f.create_group("model_weights")
        save_attributes_to_hdf5_group(mw, "layer_names", [e["name"].encode("utf8") for e in config["config"]["layers"]])
        for name in sorted(legacy):
            g = mw.create_group(name)
            save_attributes_to_hdf5_group(g, "weight_names", [n.encode("utf8") for n, _ in legacy[name]])
            for weight_name, value in legacy[name]:
                g.create_dataset(weight_name, value.shape, dtype=value.dtype)[:] = value


def write_keras3_weights(target, layers, optimizer, model_name="sequential"):
    with h5py.File(target, "w") as f:
        for store_name, name, _, weights in layers:
            g = f.create_group(f"layers/{store_name}/vars")
            g.attrs["name"] = name
            for i, v in enumerate(weights):
                g[str(i)] = v
        if optimizer is not None:
            g = f.create_group("optimizer/vars")
            g.attrs["name"] = "adam"
            for i, v in enumerate(optimizer):
                g[str(i)] = v
        f.create_group("vars").attrs["name"] = model_name


def write_keras_zip(path, config, layers, optimizer):
    weights = io.BytesIO()
    write_keras3_weights(weights, layers, optimizer, config["config"]["name"])
    metadata = {"keras_version": KERAS_VERSION, "date_saved": "2025-01-01@00:00:00"}
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in [("metadata.json", json.dumps(metadata).encode()),
                           ("config.json", json.dumps(config).encode()),
                           ("model.weights.h5", weights.getvalue())]:
            zf.writestr(zipfile.ZipInfo(name, ZIP_TIME), data)
    return weights.getvalue()


def legacy_config(config):
    """tf.keras 2.x's model_config: the same layers as class_name and config only, dtypes as strings."""
    layers = []
    for entry in config["config"]["layers"]:
        c = dict(entry["config"])
        if entry["class_name"] == "InputLayer":
            c["batch_input_shape"] = c.pop("batch_shape")
        else:
            c["dtype"] = "float32"
            for key in ["kernel_initializer", "bias_initializer"]:
                if key in c:
                    c[key] = {"class_name": c[key]["class_name"], "config": c[key]["config"]}
        layers.append({"class_name": entry["class_name"], "config": c})
    return {"class_name": "Sequential", "config": {"name": config["config"]["name"], "layers": layers}}


def write_legacy(path, layers, config):
    legacy_names = {"kernel": "kernel:0", "bias": "bias:0"}
    with h5py.File(path, "w") as f:
        f.attrs["backend"] = "tensorflow"
        f.attrs["keras_version"] = LEGACY_KERAS_VERSION
        f.attrs["model_config"] = json.dumps(legacy_config(config)).encode("utf8")
        mw = f.create_group("model_weights")
        save_attributes_to_hdf5_group(mw, "layer_names", [name.encode("utf8") for _, name, _, _ in layers])
        mw.attrs["backend"] = b"tensorflow"
        mw.attrs["keras_version"] = LEGACY_KERAS_VERSION.encode("utf8")
        for _, name, _, weights in sorted(layers, key=lambda entry: entry[1]):
            g = mw.create_group(name)
            names = [f"{name}/{legacy_names[kind]}".encode("utf8") for kind in ["kernel", "bias"][:len(weights)]]
            save_attributes_to_hdf5_group(g, "weight_names", names)
            for weight_name, value in zip(names, weights):
                d = g.create_dataset(weight_name, value.shape, dtype=value.dtype)
                d[:] = value


# ---------------------------------------------------------------- what h5py reads back


def tree(source):
    """Every object of an HDF5 file as h5py reads it: {path: {kind, dtype, shape, values, attributes}}."""
    out = {}
    with h5py.File(source, "r") as f:
        out["/"] = {"kind": "group", "attributes": attributes(f)}
        f.visititems(lambda name, obj: out.__setitem__("/" + name, describe(obj)))
    return out


def describe(obj):
    if isinstance(obj, h5py.Group):
        return {"kind": "group", "attributes": attributes(obj)}
    entry = value(obj[()], obj.dtype)
    entry.update({"kind": "dataset", "attributes": attributes(obj)})
    return entry


def attributes(obj):
    return {name: value(obj.attrs[name], obj.attrs.get_id(name).dtype) for name in obj.attrs}


def value(v, dtype):
    a = np.asarray(v)
    if h5py.check_string_dtype(dtype) is not None:
        strings = [s.decode("utf8") if isinstance(s, bytes) else str(s) for s in a.reshape(-1).tolist()]
        kind = "vlen" if h5py.check_string_dtype(dtype).length is None else "fixed"
        return {"dtype": "string_" + kind, "shape": list(a.shape), "strings": strings}
    return {"dtype": str(dtype), "shape": list(a.shape), "values": [float(x) for x in a.reshape(-1).tolist()]}


def save_tree(name, source):
    with open(name + ".tree.json", "w") as out:
        json.dump(tree(source), out, indent=1, sort_keys=True)


def main():
    write_features("hdf5_features.h5")
    save_tree("hdf5_features.h5", "hdf5_features.h5")
    if not os.path.exists("hdf5_latest.h5"):
        # libver="latest" files carry times, so rewriting would change the committed bytes for nothing.
        write_latest("hdf5_latest.h5")
    save_tree("hdf5_latest.h5", "hdf5_latest.h5")
    for model, make in [("dense", dense_model), ("conv", conv_model)]:
        layers, config, optimizer, x, y = make()
        write_keras3_weights(f"{model}.weights.h5", layers, optimizer)
        save_tree(f"{model}.weights.h5", f"{model}.weights.h5")
        inner = write_keras_zip(f"{model}.keras", config, layers, optimizer)
        save_tree(f"{model}.keras", io.BytesIO(inner))
        write_legacy(f"{model}_legacy.h5", layers, config)
        save_tree(f"{model}_legacy.h5", f"{model}_legacy.h5")
        with open(f"{model}_expected.json", "w") as out:
            json.dump({"input_shape": list(x.shape), "input": x.reshape(-1).tolist(),
                       "output_shape": list(y.shape), "output": y.reshape(-1).tolist()}, out, indent=1)
    digits_config, digits_stores, digits_optimizer = digits_model()
    write_keras_zip(os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../../data/digits_0_to_4.keras"),
                    digits_config, digits_stores, digits_optimizer)
    stores, config, legacy, inputs, y = functional_model()
    write_keras_zip("functional.keras", config, [(store, name, None, w) for store, name, w in stores], None)
    write_functional_legacy("functional_legacy.h5", config, legacy)
    with open("functional_expected.json", "w") as out:
        json.dump({"inputs": [{"shape": list(v.shape), "values": v.reshape(-1).tolist()} for v in inputs],
                   "output_shape": list(y.shape), "output": y.reshape(-1).tolist()}, out, indent=1)


if __name__ == "__main__":
    main()
