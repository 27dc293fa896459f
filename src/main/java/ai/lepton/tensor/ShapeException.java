package ai.lepton.tensor;

/**
 * Thrown when an operation receives tensors whose shapes do not fit together.
 *
 * <p>The message always names the operation and the shapes received, for example
 * {@code matmul: (32, 784) x (128, 10): inner dimensions 784 and 128 differ}.
 *
 * <pre>{@code
 * try {
 *     Tensor.zeros(32, 784).matmul(Tensor.zeros(128, 10));
 * } catch (ShapeException e) {
 *     System.out.println(e.getMessage());
 * }
 * }</pre>
 */
public final class ShapeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with an already formatted message.
     *
     * @param message what went wrong, naming the operation and the shapes
     */
    public ShapeException(String message) {
        super(message);
    }

    /**
     * Creates the message {@code op: (a) x (b): reason}, the form every binary shape error uses.
     *
     * @param op the operation's name, e.g. {@code "matmul"}
     * @param a the first operand's shape (not modified)
     * @param b the second operand's shape (not modified)
     * @param reason why the shapes do not fit
     * @return the exception, for the caller to throw
     */
    public static ShapeException of(String op, int[] a, int[] b, String reason) {
        return new ShapeException(op + ": " + Shapes.format(a) + " x " + Shapes.format(b) + ": " + reason);
    }

    /**
     * Creates the message {@code op: (shape): reason} for an operation on one tensor.
     *
     * @param op the operation's name, e.g. {@code "reshape"}
     * @param shape the operand's shape (not modified)
     * @param reason why the shape does not fit
     * @return the exception, for the caller to throw
     */
    public static ShapeException of(String op, int[] shape, String reason) {
        return new ShapeException(op + ": " + Shapes.format(shape) + ": " + reason);
    }
}
