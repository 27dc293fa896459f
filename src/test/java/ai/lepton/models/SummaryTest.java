package ai.lepton.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.lepton.layers.Add;
import ai.lepton.layers.Dense;
import org.junit.jupiter.api.Test;

/** Keras 3's summary tables for functional models: a graph gets the "Connected to" column, a chain does not. */
class SummaryTest {
    @Test
    void aGraphListsItsInputLayerAndWhatEachLayerIsConnectedTo() {
        SymbolicTensor in = Input.shape(8);
        SymbolicTensor h = new Dense(8, "relu").apply(in);
        Model model = new Model(in, new Dense(2, "softmax").apply(new Add().apply(in, h)));
        assertEquals(
                "Model: \"functional\"\n" +
                "┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━┓\n" +
                "┃ Layer (type)                  ┃ Output Shape              ┃          Param # ┃ Connected to              ┃\n" +
                "┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━┩\n" +
                "│ input_layer (InputLayer)      │ (None, 8)                 │                0 │ -                         │\n" +
                "├───────────────────────────────┼───────────────────────────┼──────────────────┼───────────────────────────┤\n" +
                "│ dense (Dense)                 │ (None, 8)                 │               72 │ input_layer[0][0]         │\n" +
                "├───────────────────────────────┼───────────────────────────┼──────────────────┼───────────────────────────┤\n" +
                "│ add (Add)                     │ (None, 8)                 │                0 │ input_layer[0][0],        │\n" +
                "│                               │                           │                  │ dense[0][0]               │\n" +
                "├───────────────────────────────┼───────────────────────────┼──────────────────┼───────────────────────────┤\n" +
                "│ dense_1 (Dense)               │ (None, 2)                 │               18 │ add[0][0]                 │\n" +
                "└───────────────────────────────┴───────────────────────────┴──────────────────┴───────────────────────────┘\n" +
                " Total params: 90 (720.00 B)\n" +
                " Trainable params: 90 (720.00 B)\n" +
                " Non-trainable params: 0 (0.00 B)\n",
                model.summary());
    }

    @Test
    void aFunctionalChainIsSummarizedLikeASequentialModelWithItsInputLayer() {
        SymbolicTensor in = Input.shape(4);
        Model model = new Model(in, new Dense(3).apply(new Dense(5).apply(in)));
        assertEquals(
                "Model: \"functional\"\n" +
                "┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓\n" +
                "┃ Layer (type)                         ┃ Output Shape                ┃         Param # ┃\n" +
                "┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩\n" +
                "│ input_layer (InputLayer)             │ (None, 4)                   │               0 │\n" +
                "├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤\n" +
                "│ dense (Dense)                        │ (None, 5)                   │              25 │\n" +
                "├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤\n" +
                "│ dense_1 (Dense)                      │ (None, 3)                   │              18 │\n" +
                "└──────────────────────────────────────┴─────────────────────────────┴─────────────────┘\n" +
                " Total params: 43 (344.00 B)\n" +
                " Trainable params: 43 (344.00 B)\n" +
                " Non-trainable params: 0 (0.00 B)\n",
                model.summary());
    }
}
