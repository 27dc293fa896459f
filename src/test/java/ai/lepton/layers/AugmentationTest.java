package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.lepton.models.Input;
import ai.lepton.models.Model;
import ai.lepton.models.SymbolicTensor;
import ai.lepton.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every augmentation layer shares: seeded draws, counted in a saved state variable. */
class AugmentationTest {
    private static final List<Supplier<Augmentation>> LAYERS = List.of(RandomFlip::new, () -> new RandomRotation(0.3),
            () -> new RandomZoom(0.3), () -> new RandomTranslation(0.2, 0.2), () -> new RandomCrop(3, 3),
            () -> new RandomContrast(0.5), () -> new RandomBrightness(0.5));

    @Test
    void aLoadedLayerGoesOnWithTheDrawsAnUninterruptedOneWouldMake(@TempDir Path dir) {
        Tensor x = Tensor.rand(1, 2, 5, 4, 2).mul(255);
        for (Supplier<Augmentation> make : LAYERS) {
            Augmentation layer = make.get();
            SymbolicTensor in = Input.shape(5, 4, 2);
            Model model = new Model(in, layer.apply(in)).seed(3L);
            model.predict(x);
            layer.call(x, true);
            layer.call(x, true);
            Path file = dir.resolve(layer.baseName() + ".lepton");
            model.save(file);
            double[] third = layer.call(x, true).toArray();
            Augmentation loaded = (Augmentation) Model.load(file).layers().stream().filter(l -> l instanceof Augmentation).findFirst()
                    .orElseThrow();
            assertEquals(2, loaded.draws(), layer.describe());
            assertArrayEquals(third, loaded.call(x, true).toArray(), 0.0, layer.describe());
        }
    }
}
