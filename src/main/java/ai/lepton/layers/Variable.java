package ai.lepton.layers;

import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;

/**
 * One named piece of a layer's state, as Keras's {@code keras.Variable}: a trainable weight (a
 * kernel, a bias), a non-trainable weight (BatchNormalization's moving statistics), or other state
 * that is not a weight (a random generator's position). All of them are saved with the model; only
 * weights are in {@link Layer#getWeights()}, and only trainable weights of a trainable layer are
 * updated by the optimizer.
 *
 * <pre>{@code
 * Dense dense = new Dense(3);
 * dense.build(new int[] {4}, 0L);
 * for (Variable v : dense.variables()) {
 *     System.out.println(v.name() + " " + Arrays.toString(v.shape()));   // kernel [4, 3], bias [3]
 * }
 * }</pre>
 */
public final class Variable {
    /** What a variable is for. */
    public enum Kind {
        /** A weight the optimizer updates (while its layer is trainable). */
        TRAINABLE,
        /** A weight the layer updates itself, such as a moving mean; in {@code getWeights()}. */
        NON_TRAINABLE,
        /** State that is saved but is not a weight, such as a random generator's position. */
        STATE
    }

    private final String name;
    private final Tensor value;
    private final Kind kind;
    private final Regularizer regularizer;
    private final Constraint constraint;

    /**
     * @param name the variable's name within its layer, e.g. {@code "kernel"}
     * @param value the live tensor (kept, not copied)
     * @param kind what it is for
     * @param regularizer its penalty in the loss, or {@code null}
     * @param constraint its projection after each optimizer step, or {@code null}
     */
    Variable(String name, Tensor value, Kind kind, Regularizer regularizer, Constraint constraint) {
        this.name = name;
        this.value = value;
        this.kind = kind;
        this.regularizer = regularizer;
        this.constraint = constraint;
    }

    /** @return its penalty in the loss, or {@code null} */
    public Regularizer regularizer() {
        return regularizer;
    }

    /** @return its projection after each optimizer step, or {@code null} */
    public Constraint constraint() {
        return constraint;
    }

    /** @return the name within its layer, e.g. {@code "kernel"} */
    public String name() {
        return name;
    }

    /** @return the live value (a tensor cannot be changed through its public methods) */
    public Tensor value() {
        return value;
    }

    /** @return the dimensions, a copy */
    public int[] shape() {
        return value.shape();
    }

    /** @return what the variable is for */
    public Kind kind() {
        return kind;
    }

    /** @return whether it is a weight (trainable or not), i.e. in {@link Layer#getWeights()} */
    public boolean isWeight() {
        return kind != Kind.STATE;
    }

    /**
     * Replaces the value in place, as Keras's {@code variable.assign}.
     *
     * @param newValue values of the same shape (copied in)
     * @throws ShapeException if the shape differs
     */
    public void assign(Tensor newValue) {
        assign(newValue.shape(), Storage.data(newValue));
    }

    /**
     * Replaces the value in place from raw values, e.g. read from a file.
     *
     * @param shape the values' shape, which must equal this variable's
     * @param values the values, row-major (copied in)
     * @throws ShapeException if the shape differs
     */
    public void assign(int[] shape, double[] values) {
        if (!Shapes.equal(Storage.shape(value), shape) || values.length != value.size()) {
            throw new ShapeException("variable '" + name + "' has shape " + Shapes.format(Storage.shape(value))
                    + ", received " + Shapes.format(shape));
        }
        System.arraycopy(values, 0, Storage.data(value), 0, values.length);
    }

    @Override
    public String toString() {
        return name + " " + Shapes.format(Storage.shape(value)) + " (" + kind.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
