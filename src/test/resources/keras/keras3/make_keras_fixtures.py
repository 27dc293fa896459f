#!/usr/bin/python3
"""Writes model files with Keras itself, to check that Lepton reads what Keras really writes.

Unlike ../make_fixtures.py (h5py and NumPy only), this needs Keras 3 with a backend (it was run
with Keras 3.15.1 on JAX: KERAS_BACKEND=jax python3 make_keras_fixtures.py); the tests read the
committed files, so they need no Keras.

Files written, each model trained two epochs on random data so that its optimizer has state:
  cnn.keras, cnn.h5, cnn.weights.h5
      Sequential: Conv2D(4, 3, same, relu), MaxPooling2D, Conv2D(6, 3, strides 2, relu), Flatten,
      Dropout, Dense(5, softmax); Adam; sparse categorical cross-entropy; accuracy
  graph.keras, graph.h5
      functional, two inputs: a Dense layer shared by both (two calls: node indices 0 and 1), a nested
      Sequential, every merge layer, Activation; RMSprop with momentum, centered; mse; mae
  <name>_expected.json
      the inputs and Keras's predictions (float32 computation)
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "jax")
import keras  # noqa: E402
import numpy as np  # noqa: E402

keras.utils.set_random_seed(3)
rng = np.random.default_rng(3)


def cnn():
    model = keras.Sequential([
        keras.Input((8, 8, 1)),
        keras.layers.Conv2D(4, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(6, 3, strides=2, padding="same", activation="relu"),
        keras.layers.Flatten(),
        keras.layers.Dropout(0.3),
        keras.layers.Dense(5, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    x = rng.normal(size=(32, 8, 8, 1)).astype("float32")
    model.fit(x, rng.integers(0, 5, size=32), epochs=2, batch_size=8, verbose=0)
    return model, [x[:4]]


def graph():
    a = keras.Input((6,), name="a")
    b = keras.Input((6,), name="b")
    shared = keras.layers.Dense(4, activation="relu", name="shared")
    sa, sb = shared(a), shared(b)
    block = keras.Sequential([keras.Input((4,)), keras.layers.Dense(4, activation="tanh")], name="block")
    merged = [keras.layers.Add()([sa, sb]), keras.layers.Subtract()([sa, sb]), keras.layers.Multiply()([sa, sb]),
              keras.layers.Average()([sa, sb]), keras.layers.Maximum()([sa, sb]), keras.layers.Minimum()([sa, block(sb)])]
    joined = keras.layers.Concatenate()(merged)
    out = keras.layers.Dense(2)(keras.layers.Activation("sigmoid")(joined))
    model = keras.Model([a, b], out, name="graph")
    model.compile(optimizer=keras.optimizers.RMSprop(0.01, momentum=0.9, centered=True), loss="mse", metrics=["mae"])
    xa, xb = rng.normal(size=(32, 6)).astype("float32"), rng.normal(size=(32, 6)).astype("float32")
    model.fit([xa, xb], rng.normal(size=(32, 2)).astype("float32"), epochs=2, batch_size=8, verbose=0)
    return model, [xa[:4], xb[:4]]


def main():
    for name, make in [("cnn", cnn), ("graph", graph)]:
        model, inputs = make()
        model.save(f"{name}.keras")
        model.save(f"{name}.h5")
        if name == "cnn":
            model.save_weights(f"{name}.weights.h5")
        y = model.predict(inputs if len(inputs) > 1 else inputs[0], verbose=0)
        with open(f"{name}_expected.json", "w") as out:
            json.dump({"keras_version": keras.__version__, "backend": keras.backend.backend(),
                       "optimizer_iterations": int(model.optimizer.iterations.numpy()),
                       "inputs": [{"shape": list(v.shape), "values": v.reshape(-1).astype(float).tolist()} for v in inputs],
                       "output_shape": list(y.shape), "output": y.reshape(-1).astype(float).tolist()}, out, indent=1)


if __name__ == "__main__":
    main()
