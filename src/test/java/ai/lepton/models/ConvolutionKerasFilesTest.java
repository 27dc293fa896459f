package ai.lepton.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.lepton.layers.AveragePooling1D;
import ai.lepton.layers.AveragePooling2D;
import ai.lepton.layers.Conv1D;
import ai.lepton.layers.Conv1DTranspose;
import ai.lepton.layers.Conv2D;
import ai.lepton.layers.Conv2DTranspose;
import ai.lepton.layers.DepthwiseConv2D;
import ai.lepton.layers.GlobalAveragePooling1D;
import ai.lepton.layers.GlobalMaxPooling2D;
import ai.lepton.layers.MaxPooling1D;
import ai.lepton.layers.SeparableConv1D;
import ai.lepton.layers.SeparableConv2D;
import ai.lepton.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models made of the convolution and pooling layers go through Keras's file formats and come back the same. */
class ConvolutionKerasFilesTest {
    /** Keras files hold the weights as float32. */
    private static final double FLOAT32 = 1e-6;

    @TempDir
    Path dir;

    private static Sequential images() {
        Sequential model = new Sequential(
                new Conv2D(4, 3).kernelSize(3, 2).strides(2, 1).padding("same").groups(2).inputShape(9, 8, 2),
                new DepthwiseConv2D(3).depthMultiplier(2).padding("same"),
                new SeparableConv2D(6, 3, "relu").dilationRate(2),
                new AveragePooling2D(2).padding("same"),
                new Conv2DTranspose(3, 3).strides(2).padding("same").outputPadding(1),
                new GlobalMaxPooling2D()).seed(3);
        model.name("images");
        model.compile("adam", "mse");
        return model;
    }

    private static Sequential sequences() {
        Sequential model = new Sequential(
                new Conv1D(4, 3).padding("causal").dilationRate(2).inputShape(12, 3),
                new SeparableConv1D(5, 3).depthMultiplier(2).strides(2).padding("same"),
                new MaxPooling1D(3).strides(1).padding("same"),
                new Conv1DTranspose(2, 4).strides(2),
                new AveragePooling1D(),
                new GlobalAveragePooling1D().keepdims(true)).seed(4);
        model.name("sequences");
        model.compile("adam", "mse");
        return model;
    }

    @Test
    void convolutionModelsRoundTripThroughKerasAndH5Files() {
        for (Sequential model : List.of(images(), sequences())) {
            Tensor x = model.name().equals("images") ? Tensor.randn(5, 2, 9, 8, 2) : Tensor.randn(6, 2, 12, 3);
            for (String ext : List.of(".keras", ".h5")) {
                Path file = dir.resolve(model.name() + ext);
                model.save(file);
                Model loaded = Model.load(file);
                String what = model.name() + ext;
                // the loaded model's input shape is its Input's, not its first layer's
                assertEquals(model.layers().stream().map(l -> l.getConfig().remove("input_shape").toString()).toList(),
                        loaded.layers().stream().map(l -> l.getConfig().remove("input_shape").toString()).toList(), what);
                for (int i = 0; i < model.getWeights().size(); i++) {
                    assertArrayEquals(model.getWeights().get(i).toArray(), loaded.getWeights().get(i).toArray(), FLOAT32, what);
                }
                assertArrayEquals(model.predict(x).toArray(), loaded.predict(x).toArray(), 1e-4, what);
            }
        }
    }
}
