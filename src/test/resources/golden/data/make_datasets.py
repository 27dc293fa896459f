"""Tiny stand-ins for the files of keras.datasets, and what Keras's own loaders make of them.

Writes, next to this script:
  mnist.npz, boston_housing.npz, imdb.npz          (the layouts of Keras's npz files)
  cifar-10-python.tar.gz, cifar-100-python.tar.gz  (pickled batches, as the CIFAR archives hold)
  datasets.json  (the arrays Keras's load_data() returns for them; pixels as the bytes 0..255)
The expected values follow keras/src/datasets/{mnist,boston_housing,imdb,cifar10,cifar100}.py
step by step (np.random.RandomState(113), start_char 1, oov_char 2, index_from 3), then
keras.utils.pad_sequences (padding and truncating "pre"). Run: /usr/bin/python3 make_datasets.py
"""
import io
import json
import os
import pickle
import tarfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(7)
expected = {}

# MNIST: uint8 (n, 28, 28) images, uint8 labels; kept small: 5 train and 3 test images of 4x4.
x_train = rng.integers(0, 256, (5, 4, 4), dtype=np.uint8)
y_train = rng.integers(0, 10, 5).astype(np.uint8)
x_test = rng.integers(0, 256, (3, 4, 4), dtype=np.uint8)
y_test = rng.integers(0, 10, 3).astype(np.uint8)
np.savez(os.path.join(HERE, "mnist.npz"), x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)
expected["mnist"] = {"x_train": x_train.ravel().tolist(), "y_train": y_train.tolist(),
                     "x_test": x_test.ravel().tolist(), "y_test": y_test.tolist()}

# Boston Housing: x (n, 13) float64, y (n,) float64, shuffled by RandomState(113), 80% to train.
x = rng.normal(size=(11, 13))
y = rng.uniform(5, 50, 11)
np.savez(os.path.join(HERE, "boston_housing.npz"), x=x, y=y)
r = np.random.RandomState(113)
indices = np.arange(len(x))
r.shuffle(indices)
x, y = x[indices], y[indices]
cut = int(len(x) * (1 - 0.2))
expected["boston"] = {"x_train": x[:cut].ravel().tolist(), "y_train": y[:cut].tolist(),
                      "x_test": x[cut:].ravel().tolist(), "y_test": y[cut:].tolist()}

# IMDB: ragged object arrays of word-index lists, int labels.
def ragged(n):
    a = np.empty(n, dtype=object)
    for i in range(n):
        a[i] = [int(w) for w in rng.integers(1, 40, rng.integers(1, 9))]
    return a

xi_train, xi_test = ragged(7), ragged(6)
yi_train, yi_test = rng.integers(0, 2, 7), rng.integers(0, 2, 6)
np.savez(os.path.join(HERE, "imdb.npz"), x_train=xi_train, y_train=yi_train, x_test=xi_test, y_test=yi_test)
NUM_WORDS, MAXLEN = 30, 6
r = np.random.RandomState(113)
idx = np.arange(len(xi_train)); r.shuffle(idx)
xs_train, ls_train = xi_train[idx], yi_train[idx]
idx = np.arange(len(xi_test)); r.shuffle(idx)
xs_test, ls_test = xi_test[idx], yi_test[idx]
def keras_words(seqs):
    out = [[1] + [w + 3 for w in s] for s in seqs]
    return [[w if w < NUM_WORDS else 2 for w in s] for s in out]
def pad(seqs):
    out = np.zeros((len(seqs), MAXLEN))
    for i, s in enumerate(seqs):
        s = s[-MAXLEN:]
        out[i, MAXLEN - len(s):] = s
    return out
expected["imdb"] = {"num_words": NUM_WORDS, "maxlen": MAXLEN,
                    "x_train": pad(keras_words(xs_train)).ravel().tolist(), "y_train": ls_train.tolist(),
                    "x_test": pad(keras_words(xs_test)).ravel().tolist(), "y_test": ls_test.tolist()}

# CIFAR: a tar.gz of pickled dicts: 'data' uint8 (n, 3072) channel-first, labels lists.
def add(tar, name, obj):
    data = pickle.dumps(obj, protocol=2)
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))

def nhwc(data):
    return data.reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1).ravel().tolist()

batches = {}
with tarfile.open(os.path.join(HERE, "cifar-10-python.tar.gz"), "w:gz") as tar:
    for name in ["data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5", "test_batch"]:
        data = rng.integers(0, 256, (2, 3072), dtype=np.uint8)
        labels = [int(v) for v in rng.integers(0, 10, 2)]
        batches[name] = (data, labels)
        # The real batches were pickled by Python 2, with byte-string keys.
        add(tar, "cifar-10-batches-py/" + name, {b"batch_label": b"x", b"data": data, b"labels": labels})
train = [batches["data_batch_%d" % i] for i in range(1, 6)]
expected["cifar10"] = {"x_train": nhwc(np.concatenate([d for d, _ in train])),
                       "y_train": [l for _, ls in train for l in ls],
                       "x_test": nhwc(batches["test_batch"][0]), "y_test": batches["test_batch"][1]}

with tarfile.open(os.path.join(HERE, "cifar-100-python.tar.gz"), "w:gz") as tar:
    parts = {}
    for name, n in [("train", 3), ("test", 2)]:
        data = rng.integers(0, 256, (n, 3072), dtype=np.uint8)
        fine = [int(v) for v in rng.integers(0, 100, n)]
        coarse = [int(v) for v in rng.integers(0, 20, n)]
        parts[name] = (data, fine, coarse)
        add(tar, "cifar-100-python/" + name, {"data": data, "fine_labels": fine, "coarse_labels": coarse})
expected["cifar100"] = {"x_train": nhwc(parts["train"][0]), "fine_train": parts["train"][1],
                        "coarse_train": parts["train"][2], "x_test": nhwc(parts["test"][0]),
                        "fine_test": parts["test"][1], "coarse_test": parts["test"][2]}

# NumPy's legacy RandomState(113): two shuffles in a row, as imdb.load_data draws them.
r = np.random.RandomState(113)
first = np.arange(1000); r.shuffle(first)
second = np.arange(17); r.shuffle(second)
expected["random_state_113"] = {"first_1000": first.tolist(), "then_17": second.tolist()}

with open(os.path.join(HERE, "datasets.json"), "w") as f:
    json.dump(expected, f)
