package ai.lepton.layers;

import ai.lepton.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the losses layers add while they run (Keras's {@code layer.add_loss}, e.g. an activity
 * regularizer's penalty on a layer's output) during one forward pass on this thread. A model opens
 * a scope around the forward pass of a training or evaluation step and adds what it collected to
 * the loss; outside a scope (prediction) added losses are dropped.
 *
 * <pre>{@code
 * try (LossScope scope = LossScope.open()) {
 *     Tensor out = model.predict(x);        // a forward pass; layers may add losses
 *     List<Tensor> added = scope.losses();
 * }
 * }</pre>
 */
public final class LossScope implements AutoCloseable {
    private static final ThreadLocal<LossScope> ACTIVE = new ThreadLocal<>();

    private final LossScope outer;
    private final List<Tensor> losses = new ArrayList<>();

    private LossScope(LossScope outer) {
        this.outer = outer;
    }

    /** @return a new scope on this thread, collecting until it is closed */
    public static LossScope open() {
        LossScope scope = new LossScope(ACTIVE.get());
        ACTIVE.set(scope);
        return scope;
    }

    /**
     * Adds a loss to the innermost open scope of this thread, if there is one.
     *
     * @param loss a scalar
     */
    static void add(Tensor loss) {
        LossScope scope = ACTIVE.get();
        if (scope != null) {
            scope.losses.add(loss);
        }
    }

    /** @return the losses added so far, in order */
    public List<Tensor> losses() {
        return List.copyOf(losses);
    }

    @Override
    public void close() {
        if (outer == null) {
            ACTIVE.remove();
        } else {
            ACTIVE.set(outer);
        }
    }
}
