package ai.lepton.autograd;

/**
 * A scope in which ops record no history, for inference and weight updates. Scopes nest and are
 * per thread, so one thread predicting never affects another one training.
 *
 * <pre>{@code
 * try (NoGrad g = NoGrad.enter()) {
 *     Tensor y = x.matmul(w);   // y.requiresGrad() is false, no graph is kept
 * }
 * }</pre>
 */
public final class NoGrad implements AutoCloseable {
    private boolean closed;

    private NoGrad() {
        GradMode.disable();
    }

    /** @return an open scope; close it (try-with-resources) to resume recording */
    public static NoGrad enter() {
        return new NoGrad();
    }

    /** Ends the scope; closing twice has no further effect. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            GradMode.restore();
        }
    }
}
