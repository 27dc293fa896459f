package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.tensor.Tensor;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every noise layer shares: inference is the identity, and the noise is seeded and counted as Dropout's. */
class NoiseLayerTest {
    private static final long SEED = 42L;

    static Stream<Supplier<NoiseLayer>> layers() {
        return Stream.of(() -> new SpatialDropout1D(0.5), () -> new SpatialDropout2D(0.5), () -> new GaussianNoise(0.5),
                () -> new GaussianDropout(0.5), () -> new AlphaDropout(0.5));
    }

    private static NoiseLayer built(Supplier<NoiseLayer> make, long seed) {
        NoiseLayer layer = make.get();
        int[] shape = layer instanceof SpatialDropout2D ? new int[] {3, 3, 8} : new int[] {4, 8};
        layer.build(shape, seed);
        return layer;
    }

    private static Tensor input(NoiseLayer layer) {
        int[] shape = layer.builtInputShape();
        int[] batched = new int[shape.length + 1];
        batched[0] = 6;
        System.arraycopy(shape, 0, batched, 1, shape.length);
        return Tensor.rand(1, batched).add(1.0);
    }

    @ParameterizedTest
    @MethodSource("layers")
    void inferenceIsTheIdentity(Supplier<NoiseLayer> make) {
        NoiseLayer layer = built(make, SEED);
        Tensor x = input(layer);
        assertSame(x, layer.call(x, false));
        assertEquals(0, layer.draws());
    }

    @ParameterizedTest
    @MethodSource("layers")
    void noiseIsReproducibleFromTheSeedChangesBetweenCallsAndResumesFromTheCount(Supplier<NoiseLayer> make) {
        NoiseLayer a = built(make, SEED);
        Tensor x = input(a);
        double[] first = a.call(x, true).toArray();
        double[] second = a.call(x, true).toArray();
        assertEquals(2, a.draws());
        assertArrayEquals(first, built(make, SEED).call(x, true).toArray(), 0.0);
        assertFalse(Arrays.equals(first, second), "a new draw per training call");
        assertFalse(Arrays.equals(first, built(make, SEED + 1).call(x, true).toArray()), "another seed, other noise");
        assertArrayEquals(second, built(make, SEED).draws(1).call(x, true).toArray(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> a.draws(-1));
    }
}
