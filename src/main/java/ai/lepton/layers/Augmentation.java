package ai.lepton.layers;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import java.util.SplittableRandom;

/**
 * The base of the image augmentation layers ({@code RandomFlip}, {@code RandomRotation}, ...):
 * they take channels-last images {@code (batch, height, width, channels)}, change them at random
 * only in training calls, and draw their random numbers reproducibly.
 *
 * <p>Draw number {@code k} (one per training call) comes from a generator seeded by the layer's
 * build seed and {@code k} alone; {@code k} is the layer's state variable {@code draws}, saved with
 * the model, so a seeded model augments alike on every run and a loaded model goes on with exactly
 * the transformations an uninterrupted run would have drawn. Calls are safe from several threads;
 * concurrent training calls draw one after the other.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new RandomFlip("horizontal").inputShape(32, 32, 3),
 *         new RandomRotation(0.1),
 *         new Conv2D(16, 3, "relu"),
 *         new Flatten(),
 *         new Dense(10, "softmax"));
 * }</pre>
 */
public abstract class Augmentation extends Layer implements Randomized {
    private static final String DRAWS = "draws";

    /** For subclasses. */
    protected Augmentation() {
    }

    /**
     * Checks that the input is a batch of images.
     *
     * @param inputShape the per-example shape
     * @throws ShapeException naming the layer unless it is {@code (height, width, channels)}
     */
    protected final void requireImages(int[] inputShape) {
        if (inputShape.length != 3) {
            throw new ShapeException(describe() + ": expected input shape (None, height, width, channels), received "
                    + Shapes.formatBatched(inputShape));
        }
    }

    /** Images keep their shape unless a subclass says otherwise. */
    @Override
    public int[] computeOutputShape(int[] inputShape) {
        requireImages(inputShape);
        return inputShape.clone();
    }

    @Override
    protected void declareWeights(int[] inputShape, Weights weights) {
        weights.addState(DRAWS, new int[] {1});
    }

    @Override
    public long draws() {
        return Draws.count(this, DRAWS);
    }

    @Override
    public Augmentation draws(long count) {
        Draws.set(this, DRAWS, count);
        return this;
    }

    /**
     * The generator of the next training call's random numbers; counts the draw.
     *
     * @return a generator seeded by the build seed and the number of the draw
     */
    protected final SplittableRandom nextDraw() {
        return Draws.next(this, DRAWS);
    }
}
