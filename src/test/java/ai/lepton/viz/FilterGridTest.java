package ai.lepton.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.layers.Conv2D;
import ai.lepton.layers.Dense;
import ai.lepton.layers.Flatten;
import ai.lepton.models.Sequential;
import ai.lepton.tensor.Tensor;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterGridTest {
    private static final int FILTERS = 20;

    /** A built model whose first layer's filter 0 is a vertical edge (left column 1, right column -1, middle 0); the others are 0. */
    private static Sequential model(int channels) {
        Sequential model = new Sequential(new Conv2D(FILTERS, 3).inputShape(8, 8, channels), new Flatten(), new Dense(2));
        model.getWeights();
        Conv2D conv = (Conv2D) model.layers().get(0);
        double[] kernel = new double[3 * 3 * channels * FILTERS];
        for (int y = 0; y < 3; y++) {
            for (int c = 0; c < channels; c++) {
                kernel[((y * 3) * channels + c) * FILTERS] = 1;
                kernel[((y * 3 + 2) * channels + c) * FILTERS] = -1;
            }
        }
        conv.setWeights(List.of(Tensor.of(kernel, 3, 3, channels, FILTERS), Tensor.zeros(FILTERS)));
        return model;
    }

    @Test
    void grayTilesMapTheSmallestWeightToBlackAndTheLargestToWhite() {
        FilterGrid grid = FilterGrid.firstConv(model(1));
        BufferedImage png = grid.toImage();
        Rectangle edge = grid.tile(0, 0);
        int third = edge.width / 3;
        assertEquals(third * edge.height, Pixels.count(png, edge.x, edge.y, third, edge.height, Color.WHITE, 0));
        assertEquals(third * edge.height, Pixels.count(png, edge.x + 2 * third, edge.y, third, edge.height, Color.BLACK, 0));
        Rectangle flat = grid.tile(0, FILTERS - 1);
        Color middle = new Color(128, 128, 128);
        assertEquals(flat.width * flat.height, Pixels.count(png, flat.x, flat.y, flat.width, flat.height, middle, 1));
        assertTrue(flat.y > edge.y, "16 filters to a row, so filter 19 starts the second row");
        assertTrue(flat.y + flat.height <= png.getHeight());
    }

    @Test
    void threeChannelsMakeOneColourTilePerFilter() {
        FilterGrid grid = FilterGrid.firstConv(model(3));
        BufferedImage png = grid.toImage();
        Rectangle edge = grid.tile(0, 0);
        assertEquals(Color.WHITE.getRGB(), png.getRGB(edge.x + 1, edge.y + 1));
        assertEquals(grid.tile(1, 0), grid.tile(0, 0), "a colour tile stands for all three channels");
    }

    @Test
    void aModelWithoutConvolutionsIsReported() {
        Sequential dense = new Sequential(new Dense(2).inputShape(4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FilterGrid.firstConv(dense));
        assertTrue(e.getMessage().contains("no Conv2D"), e.getMessage());
    }
}
