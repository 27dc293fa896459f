package ai.lepton.autograd;

import ai.lepton.kernels.Resampling;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;
import java.util.Locale;

/**
 * Applies one affine transform per image of a channels-last batch, as Keras's
 * {@code ops.image.affine_transform}: with the image's row {@code [a0, a1, a2, b0, b1, b2, c0, c1]},
 * output pixel {@code (x, y)} (column, row) takes the input's value at point
 * {@code (a0 x + a1 y + a2, b0 x + b1 y + b2)}, interpolated {@code bilinear} or {@code nearest};
 * points outside the image are filled as {@code fillMode} says ({@code reflect}, {@code wrap},
 * {@code constant} with {@code fillValue}, {@code nearest}); see {@link Resampling}. The
 * projective terms {@code c0, c1} must be 0, as in Keras's JAX, NumPy and PyTorch backends.
 * The gradient with respect to the images spreads each output gradient back onto the pixels it
 * was read from; the transforms are constants.
 *
 * <p>Shapes: x and y {@code (batch, h, w, c)}; transforms {@code batch * 8} numbers.
 *
 * <pre>{@code
 * Tensor photo = Tensor.rand(0, 1, 28, 28, 1);
 * // shift the image 2 pixels to the right, repeating the left edge
 * Tensor shifted = AffineTransform.apply(photo, new double[] {1, 0, -2, 0, 1, 0, 0, 0}, "bilinear", "nearest", 0.0);
 * }</pre>
 */
public final class AffineTransform extends Op {
    private final int[] inShape;
    private final double[] transforms;
    private final Resampling.Interpolation interpolation;
    private final Resampling.FillMode fillMode;

    private AffineTransform(int[] inShape, double[] transforms, Resampling.Interpolation interpolation,
            Resampling.FillMode fillMode) {
        this.inShape = inShape;
        this.transforms = transforms;
        this.interpolation = interpolation;
        this.fillMode = fillMode;
    }

    /**
     * @param x the batch, {@code (batch, h, w, c)}
     * @param transforms eight numbers per image, Keras's {@code [a0, a1, a2, b0, b1, b2, 0, 0]} (not modified)
     * @param interpolation {@code "bilinear"} or {@code "nearest"}
     * @param fillMode {@code "reflect"}, {@code "wrap"}, {@code "constant"} or {@code "nearest"}
     * @param fillValue what {@code constant} mode reads outside the image
     * @return the transformed batch, same shape as x
     * @throws ShapeException if x is not rank 4 or there are not eight numbers per image
     * @throws IllegalArgumentException for an unknown mode or a projective term that is not 0
     */
    public static Tensor apply(Tensor x, double[] transforms, String interpolation, String fillMode, double fillValue) {
        Resampling.Interpolation interp = Resize.interpolation(interpolation);
        Resampling.FillMode fill = fillMode(fillMode);
        int[] in = shape(x);
        if (in.length != 4) {
            throw ShapeException.of("affine_transform", in, "expected a batch of images (batch, height, width, channels)");
        }
        if (transforms.length != 8L * in[0]) {
            throw ShapeException.of("affine_transform", in, "needs 8 transform numbers per image, received " + transforms.length);
        }
        double[] affine = new double[6 * in[0]];
        for (int b = 0; b < in[0]; b++) {
            if (transforms[8 * b + 6] != 0 || transforms[8 * b + 7] != 0) {
                throw new IllegalArgumentException("affine_transform: projective terms c0, c1 must be 0. Received: ("
                        + transforms[8 * b + 6] + ", " + transforms[8 * b + 7] + ") for image " + b);
            }
            System.arraycopy(transforms, 8 * b, affine, 6 * b, 6);
        }
        double[] y = newArray(Shapes.size(in));
        Resampling.affine(data(x), in[0], in[1], in[2], in[3], affine, interp, fill, fillValue, y);
        return new AffineTransform(in.clone(), affine, interp, fill).output(y, in, x);
    }

    /**
     * @param name a Keras fill mode, any case
     * @return the fill mode
     * @throws IllegalArgumentException for another name
     */
    static Resampling.FillMode fillMode(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return switch (n) {
            case "reflect" -> Resampling.FillMode.REFLECT;
            case "wrap" -> Resampling.FillMode.WRAP;
            case "constant" -> Resampling.FillMode.CONSTANT;
            case "nearest" -> Resampling.FillMode.NEAREST;
            default -> throw new IllegalArgumentException(
                    "fill_mode must be 'reflect', 'wrap', 'constant' or 'nearest'. Received: fill_mode=" + name);
        };
    }

    @Override
    protected double[][] backward(double[] g) {
        double[] dx = newArray(Shapes.size(inShape));
        Resampling.affineBackward(g, inShape[0], inShape[1], inShape[2], inShape[3], transforms, interpolation, fillMode, dx);
        return new double[][] {dx};
    }
}
