package ai.lepton.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.layers.LayerFixtures;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Tensor;
import com.google.gson.JsonObject;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AffineTransformTest {
    static Stream<JsonObject> cases() {
        return LayerFixtures.cases("affine.json", "cases").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTheNumPyReferenceOfKerasAffineTransform(JsonObject c) {
        double[] transforms = LayerFixtures.doubles(c, "transforms");
        LayerFixtures.assertMatches(c.get("name").getAsString(), c, x -> AffineTransform.apply(x, transforms,
                c.get("interpolation").getAsString(), c.get("fill_mode").getAsString(), c.get("fill_value").getAsDouble()));
    }

    @Test
    void fillModesExtendARowAsKerasDocuments() {
        // a b c d shifted right by 5: output column j reads input column j - 5.
        Tensor row = Tensor.of(new double[] {1, 2, 3, 4}, 1, 1, 4, 1);
        double[] shift = {1, 0, -5, 0, 1, 0, 0, 0};
        assertArrayEquals(new double[] {4, 4, 3, 2}, AffineTransform.apply(row, shift, "nearest", "reflect", 0).toArray(), 0.0);
        assertArrayEquals(new double[] {4, 1, 2, 3}, AffineTransform.apply(row, shift, "nearest", "wrap", 0).toArray(), 0.0);
        assertArrayEquals(new double[] {9, 9, 9, 9}, AffineTransform.apply(row, shift, "nearest", "constant", 9).toArray(), 0.0);
        assertArrayEquals(new double[] {1, 1, 1, 1}, AffineTransform.apply(row, shift, "nearest", "nearest", 0).toArray(), 0.0);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        double[] t = {0.9, 0.2, 0.3, -0.1, 1.1, -0.4, 0, 0, 1.2, 0, -0.7, 0.3, 0.8, 0.6, 0, 0};
        for (String fill : new String[] {"reflect", "wrap", "constant", "nearest"}) {
            GradAssert.assertGradientsMatch("affine " + fill, in -> AffineTransform.apply(in[0], t, "bilinear", fill, 0.5),
                    GradAssert.normal(6, 2, 4, 5, 2));
        }
    }

    @Test
    void badArgumentsAreRejected() {
        Tensor x = Tensor.zeros(2, 3, 3, 1);
        ShapeException count = assertThrows(ShapeException.class,
                () -> AffineTransform.apply(x, new double[8], "bilinear", "reflect", 0));
        assertTrue(count.getMessage().contains("8 transform numbers per image, received 8"), count.getMessage());
        double[] projective = {1, 0, 0, 0, 1, 0, 0.1, 0, 1, 0, 0, 0, 1, 0, 0, 0};
        assertThrows(IllegalArgumentException.class, () -> AffineTransform.apply(x, projective, "bilinear", "reflect", 0));
        IllegalArgumentException fill = assertThrows(IllegalArgumentException.class,
                () -> AffineTransform.apply(x, new double[16], "bilinear", "mirror", 0));
        assertTrue(fill.getMessage().contains("Received: fill_mode=mirror"), fill.getMessage());
    }
}
