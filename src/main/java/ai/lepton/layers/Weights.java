package ai.lepton.layers;

import ai.lepton.tensor.Shapes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The variables a layer will make for an input shape, declared by
 * {@link Layer#declareWeights(int[], Weights)}: their names, shapes, initializers and kinds, in
 * Keras's order. Declaring is pure, so a model file can be checked against the shapes a layer will
 * make before any memory is given to it; {@link Layer#build} then makes exactly these.
 *
 * <pre>{@code
 * protected void declareWeights(int[] inputShape, Weights weights) {
 *     weights.add("kernel", new int[] {inputShape[inputShape.length - 1], units}, kernelInitializer());
 *     weights.add("bias", new int[] {units}, Initializers.get("zeros"));
 * }
 * }</pre>
 */
public final class Weights {
    /**
     * One declared variable.
     *
     * @param name its name within the layer
     * @param shape its dimensions
     * @param initializer how its first values are drawn
     * @param kind what it is for
     * @param regularizer its penalty in the loss, or {@code null}
     * @param constraint its projection after each optimizer step, or {@code null}
     */
    public record Spec(String name, int[] shape, Initializer initializer, Variable.Kind kind, Regularizer regularizer,
            Constraint constraint) {
        /**
         * Copies the shape.
         *
         * @param name its name within the layer
         * @param shape its dimensions (copied)
         * @param initializer how its first values are drawn
         * @param kind what it is for
         * @param regularizer its penalty in the loss, or {@code null}
         * @param constraint its projection after each optimizer step, or {@code null}
         */
        public Spec {
            shape = shape.clone();
        }

        /** @return the dimensions, a copy */
        @Override
        public int[] shape() {
            return shape.clone();
        }
    }

    private final String owner;
    private final List<Spec> specs = new ArrayList<>();

    /** @param owner the layer, for messages */
    Weights(String owner) {
        this.owner = owner;
    }

    /**
     * Declares a trainable weight.
     *
     * @param name its name, unique within the layer
     * @param shape its dimensions, each positive
     * @param initializer how its first values are drawn
     * @return this collector
     */
    public Weights add(String name, int[] shape, Initializer initializer) {
        return add(name, shape, initializer, null, null);
    }

    /**
     * Declares a trainable weight with a penalty in the loss and a projection after each step.
     *
     * @param name its name, unique within the layer
     * @param shape its dimensions, each positive
     * @param initializer how its first values are drawn
     * @param regularizer its penalty, or {@code null}
     * @param constraint its projection, or {@code null}
     * @return this collector
     */
    public Weights add(String name, int[] shape, Initializer initializer, Regularizer regularizer, Constraint constraint) {
        return declare(name, shape, initializer, Variable.Kind.TRAINABLE, regularizer, constraint);
    }

    /**
     * Declares a weight the layer updates itself (e.g. a moving mean).
     *
     * @param name its name, unique within the layer
     * @param shape its dimensions
     * @param initializer its first values
     * @return this collector
     */
    public Weights addNonTrainable(String name, int[] shape, Initializer initializer) {
        return declare(name, shape, initializer, Variable.Kind.NON_TRAINABLE, null, null);
    }

    /**
     * Declares state that is saved with the model but is not a weight, starting at zeros.
     *
     * @param name its name, unique within the layer
     * @param shape its dimensions
     * @return this collector
     */
    public Weights addState(String name, int[] shape) {
        return declare(name, shape, (s, random) -> new double[Shapes.size(s)], Variable.Kind.STATE, null, null);
    }

    /** @return the declarations, in order */
    public List<Spec> specs() {
        return Collections.unmodifiableList(specs);
    }

    private Weights declare(String name, int[] shape, Initializer initializer, Variable.Kind kind, Regularizer regularizer,
            Constraint constraint) {
        for (Spec s : specs) {
            if (s.name().equals(name)) {
                throw new IllegalStateException(owner + " declares two variables named '" + name + "'");
            }
        }
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(owner + ": variable '" + name + "' would have shape " + Shapes.format(shape));
            }
        }
        specs.add(new Spec(name, shape, initializer, kind, regularizer, constraint));
        return this;
    }
}
