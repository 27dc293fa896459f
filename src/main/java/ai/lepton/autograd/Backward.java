package ai.lepton.autograd;

import ai.lepton.tensor.Broadcast;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reverse-mode engine behind {@link Tensor#backward()}: it orders the graph, runs each op's
 * backward pass once, sums broadcast gradients back to their inputs' shapes, and adds the results
 * into the leaves.
 *
 * <p>The traversal is iterative, so a chain of any length fits on the Java stack, and each
 * intermediate gradient is dropped as soon as its op has used it.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(new double[] {3}, 1).requiresGrad(true);
 * Tensor y = x.mul(x).sum();
 * Backward.run(y);           // same as y.backward(); x.grad() is now [6]
 * }</pre>
 */
public final class Backward {
    private Backward() {
    }

    /**
     * Back-propagates from a one-element tensor into the gradients of all leaves that require one.
     *
     * @param root the tensor to differentiate, usually a loss
     * @throws IllegalStateException if {@code root} has more than one element or does not require a gradient
     */
    public static void run(Tensor root) {
        if (root.size() != 1) {
            throw new IllegalStateException("backward: needs a one-element tensor such as a loss, got shape "
                    + Shapes.format(root.shape()) + "; reduce it first, e.g. with sum() or mean()");
        }
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward: the tensor does not require a gradient: no input of it was "
                    + "marked with requiresGrad(true), or it was computed inside NoGrad");
        }
        Map<Tensor, double[]> pending = new IdentityHashMap<>();
        pending.put(root, new double[] {1.0});
        List<Tensor> order = topologicalOrder(root);
        for (int t = order.size() - 1; t >= 0; t--) {
            Tensor node = order.get(t);
            double[] gradOut = pending.remove(node);
            if (gradOut == null) {
                continue;
            }
            Op op = Storage.creator(node);
            if (op == null) {
                Storage.accumulateGrad(node, gradOut);
                continue;
            }
            Tensor[] inputs = op.inputs();
            double[][] grads = op.backward(gradOut);
            for (int i = 0; i < inputs.length; i++) {
                Tensor input = inputs[i];
                if (!input.requiresGrad()) {
                    continue;
                }
                Anomaly.checkGradient(op, i, grads[i]);
                double[] g = grads[i];
                if (g.length != input.size()) {
                    g = Broadcast.sumTo(g, op.outputShape(), Storage.shape(input));
                }
                pending.merge(input, g, Backward::sum);
            }
        }
    }

    /** A fresh array: either argument may be an op's alias of another gradient. */
    private static double[] sum(double[] a, double[] b) {
        double[] s = new double[a.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = a[i] + b[i];
        }
        return s;
    }

    /** Tensors that require a gradient, each after all tensors it depends on (iterative DFS). */
    private static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Set<Tensor> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Tensor> stack = new ArrayDeque<>();
        ArrayDeque<Integer> nextChild = new ArrayDeque<>();
        stack.push(root);
        nextChild.push(0);
        visited.add(root);
        while (!stack.isEmpty()) {
            Tensor node = stack.peek();
            int child = nextChild.pop();
            Op op = Storage.creator(node);
            Tensor[] inputs = op == null ? new Tensor[0] : op.inputs();
            if (child < inputs.length) {
                nextChild.push(child + 1);
                Tensor input = inputs[child];
                if (input.requiresGrad() && visited.add(input)) {
                    stack.push(input);
                    nextChild.push(0);
                }
            } else {
                stack.pop();
                order.add(node);
            }
        }
        return order;
    }
}
