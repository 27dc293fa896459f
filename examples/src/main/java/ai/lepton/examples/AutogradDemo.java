package ai.lepton.examples;

import ai.lepton.autograd.GradCheck;
import ai.lepton.autograd.NoGrad;
import ai.lepton.tensor.Tensor;

/**
 * Lepton's tensors and autograd without any layers: fits {@code y = 3x + 2} by plain gradient
 * descent, then checks a gradient against finite differences.
 *
 * <p>Run it with {@code mvn -q -f examples/pom.xml compile exec:exec} (after {@code mvn -q install
 * -DskipTests} at the repository root).
 */
public final class AutogradDemo {
    private static final int POINTS = 32;
    private static final int STEPS = 300;
    private static final double LEARNING_RATE = 0.1;
    private static final double NOISE = 0.05;
    private static final long SEED = 42L;

    private AutogradDemo() {
    }

    /** @param args ignored */
    @SuppressWarnings("try") // the NoGrad scope is the point; its variable is unused
    public static void main(String[] args) {
        // Data: 32 points on the line y = 3x + 2, with a little seeded noise.
        Tensor x = Tensor.rand(SEED, POINTS, 1).mul(2).sub(1);
        Tensor y = x.mul(3).add(2).add(Tensor.randn(SEED + 1, POINTS, 1).mul(NOISE));

        // Parameters: leaves that autograd tracks.
        Tensor w = Tensor.zeros(1, 1).requiresGrad(true);
        Tensor b = Tensor.zeros(1).requiresGrad(true);

        for (int step = 1; step <= STEPS; step++) {
            Tensor prediction = x.matmul(w).add(b);
            Tensor loss = prediction.sub(y).pow(2).mean();
            loss.backward();   // fills w.grad() and b.grad()

            // The update itself must not become part of the next step's graph.
            try (NoGrad g = NoGrad.enter()) {
                w = w.sub(w.grad().mul(LEARNING_RATE)).requiresGrad(true);
                b = b.sub(b.grad().mul(LEARNING_RATE)).requiresGrad(true);
            }
            if (step == 1 || step % 50 == 0) {
                System.out.printf("step %3d  loss %.6f%n", step, loss.item());
            }
        }
        System.out.printf("learned w = %.4f, b = %.4f (true: 3, 2)%n", w.item(), b.item());

        // Is the gradient of a small network right? Compare it with finite differences.
        Tensor a = Tensor.randn(SEED, 3, 4).requiresGrad(true);
        Tensor v = Tensor.randn(SEED + 2, 4, 2).requiresGrad(true);
        GradCheck.Result check = GradCheck.check(in -> in[0].matmul(in[1]).tanh().sum(), a, v);
        System.out.println("gradient check of tanh(a . v): " + check + (check.passed(1e-6) ? " - passed" : " - FAILED"));
    }
}
