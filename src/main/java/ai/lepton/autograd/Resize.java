package ai.lepton.autograd;

import ai.lepton.kernels.Resampling;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;
import java.util.Locale;

/**
 * Resizes a channels-last batch of images, as Keras's {@code ops.image.resize} without
 * antialiasing (PyTorch's {@code interpolate} with {@code align_corners=False}): {@code bilinear}
 * interpolates between the two nearest pixels along each axis at half-pixel centres, input
 * coordinate {@code (o + 0.5) in / out - 0.5}; {@code nearest} takes pixel
 * {@code floor((o + 0.5) in / out)}. The gradient spreads each output gradient back onto the pixels
 * it was read from, with the same weights (see {@link Resampling}).
 *
 * <p>Shapes: x {@code (batch, h, w, c)}, y {@code (batch, height, width, c)}.
 *
 * <pre>{@code
 * Tensor y = Resize.apply(images, 64, 64, "bilinear");   // (n, 28, 28, 3) -> (n, 64, 64, 3)
 * }</pre>
 */
public final class Resize extends Op {
    private final int[] inShape;
    private final int height;
    private final int width;
    private final Resampling.Interpolation interpolation;

    private Resize(int[] inShape, int height, int width, Resampling.Interpolation interpolation) {
        this.inShape = inShape;
        this.height = height;
        this.width = width;
        this.interpolation = interpolation;
    }

    /**
     * @param x the batch, {@code (batch, h, w, c)}
     * @param height the output height, positive
     * @param width the output width, positive
     * @param interpolation {@code "bilinear"} or {@code "nearest"}
     * @return {@code (batch, height, width, c)}
     * @throws ShapeException if x is not rank 4
     * @throws IllegalArgumentException for a size that is not positive or another interpolation
     */
    public static Tensor apply(Tensor x, int height, int width, String interpolation) {
        Resampling.Interpolation mode = interpolation(interpolation);
        int[] in = shape(x);
        if (in.length != 4) {
            throw ShapeException.of("resize", in, "expected a batch of images (batch, height, width, channels)");
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("resize: the size must be positive. Received: size=(" + height + ", " + width + ")");
        }
        int[] out = {in[0], height, width, in[3]};
        double[] y = newArray(Shapes.size(out));
        Resampling.resize(data(x), in[0], in[1], in[2], in[3], height, width, mode, y);
        return new Resize(in.clone(), height, width, mode).output(y, out, x);
    }

    /**
     * @param name {@code "bilinear"} or {@code "nearest"}, any case
     * @return the interpolation
     * @throws IllegalArgumentException for another name
     */
    static Resampling.Interpolation interpolation(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return switch (n) {
            case "bilinear" -> Resampling.Interpolation.BILINEAR;
            case "nearest" -> Resampling.Interpolation.NEAREST;
            default -> throw new IllegalArgumentException("interpolation must be 'bilinear' or 'nearest'. Received: interpolation="
                    + name);
        };
    }

    @Override
    protected double[][] backward(double[] g) {
        double[] dx = newArray(Shapes.size(inShape));
        Resampling.resizeBackward(g, inShape[0], inShape[1], inShape[2], inShape[3], height, width, interpolation, dx);
        return new double[][] {dx};
    }
}
