package ai.lepton.optimizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.lepton.tensor.Storage;
import ai.lepton.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Three steps of each optimizer against its formula, written out here with the gradient of
 * {@code loss = sum(w^2 * c)} ({@code g = 2 c w}) so that the gradient changes between steps.
 */
class OptimizersTest {
    private static final double TOLERANCE = 1e-14;
    private static final double[] START = {0.5, -1.5, 2.0};
    private static final double[] C = {1.0, 0.3, -0.7};

    private static Tensor weight() {
        return Tensor.of(START, 3).requiresGrad(true);
    }

    private static void step(Optimizer opt, Tensor w) {
        w.zeroGrad();
        w.mul(w).mul(Tensor.of(C, 3)).sum().backward();
        opt.apply(List.of(w));
    }

    private static double grad(double w, int i) {
        return 2 * C[i] * w;
    }

    @Test
    void sgdFollowsItsFormula() {
        double lr = 0.1;
        Optimizer sgd = new SGD(lr);
        Tensor w = weight();
        double[] expected = START.clone();
        for (int t = 0; t < 3; t++) {
            step(sgd, w);
            for (int i = 0; i < 3; i++) {
                expected[i] -= lr * grad(expected[i], i);
            }
        }
        assertArrayEquals(expected, w.toArray(), TOLERANCE);
        assertEquals(3, sgd.iterations());
    }

    @Test
    void sgdWithMomentumAndNesterovFollowsKerasFormula() {
        for (boolean nesterov : new boolean[] {false, true}) {
            double lr = 0.05;
            double mu = 0.9;
            Optimizer sgd = new SGD(lr).momentum(mu).nesterov(nesterov);
            Tensor w = weight();
            double[] expected = START.clone();
            double[] vel = new double[3];
            for (int t = 0; t < 3; t++) {
                step(sgd, w);
                for (int i = 0; i < 3; i++) {
                    double g = grad(expected[i], i);
                    vel[i] = mu * vel[i] - lr * g;
                    expected[i] += nesterov ? mu * vel[i] - lr * g : vel[i];
                }
            }
            assertArrayEquals(expected, w.toArray(), TOLERANCE, "nesterov=" + nesterov);
            assertArrayEquals(vel, sgd.variables().get(0).toArray(), TOLERANCE);
        }
    }

    @Test
    void adamFollowsKerasFormula() {
        double lr = 0.01;
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-7;
        Optimizer adam = new Adam(lr);
        Tensor w = weight();
        double[] expected = START.clone();
        double[] m = new double[3];
        double[] v = new double[3];
        for (int t = 1; t <= 3; t++) {
            step(adam, w);
            double alpha = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
            for (int i = 0; i < 3; i++) {
                double g = grad(expected[i], i);
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                expected[i] -= alpha * m[i] / (Math.sqrt(v[i]) + eps);
            }
        }
        assertArrayEquals(expected, w.toArray(), TOLERANCE);
        assertArrayEquals(m, adam.variables().get(0).toArray(), TOLERANCE);
        assertArrayEquals(v, adam.variables().get(1).toArray(), TOLERANCE);
        assertEquals(List.of("m", "v"), adam.slotNames());
    }

    @Test
    void rmspropFollowsKeras3Formula() {
        double lr = 0.01;
        double rho = 0.9;
        double eps = 1e-7;
        Optimizer rms = new RMSprop(lr);
        Tensor w = weight();
        double[] expected = START.clone();
        double[] v = new double[3];
        for (int t = 0; t < 3; t++) {
            step(rms, w);
            for (int i = 0; i < 3; i++) {
                double g = grad(expected[i], i);
                v[i] = rho * v[i] + (1 - rho) * g * g;
                expected[i] -= lr * g / Math.sqrt(v[i] + eps);
            }
        }
        assertArrayEquals(expected, w.toArray(), TOLERANCE);
    }

    @Test
    void rmspropWithMomentumAndCenteringFollowsKeras3Formula() {
        double lr = 0.01;
        double rho = 0.8;
        double mu = 0.5;
        double eps = 1e-7;
        Optimizer rms = new RMSprop(lr).rho(rho).momentum(mu).centered(true);
        Tensor w = weight();
        double[] expected = START.clone();
        double[] v = new double[3];
        double[] avg = new double[3];
        double[] mom = new double[3];
        for (int t = 0; t < 3; t++) {
            step(rms, w);
            for (int i = 0; i < 3; i++) {
                double g = grad(expected[i], i);
                v[i] = rho * v[i] + (1 - rho) * g * g;
                avg[i] = rho * avg[i] + (1 - rho) * g;
                mom[i] = mu * mom[i] + lr * g / Math.sqrt(v[i] - avg[i] * avg[i] + eps);
                expected[i] -= mom[i];
            }
        }
        assertArrayEquals(expected, w.toArray(), TOLERANCE);
        assertEquals(List.of("velocity", "momentum", "average_gradient"), rms.slotNames());
    }

    @Test
    void weightsWithoutGradientAreLeftAlone() {
        Tensor w = weight();
        Optimizer adam = new Adam();
        adam.apply(List.of(w));
        assertArrayEquals(START, w.toArray(), 0.0);
        assertEquals(1, adam.iterations());
    }

    @Test
    void learningRateIsSettableAndChecked() {
        Optimizer sgd = new SGD();
        assertEquals(0.01, sgd.learningRate());
        sgd.learningRate(0.5);
        assertEquals(0.5, sgd.learningRate());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sgd.learningRate(-1));
        assertEquals("SGD: the learning rate must be positive and finite. Received: learningRate=-1.0", e.getMessage());
    }

    @Test
    void slotsRoundTripThroughVariables() {
        Optimizer adam = new Adam(0.1);
        Tensor w = weight();
        step(adam, w);
        List<Tensor> saved = adam.variables();
        Optimizer restored = new Adam(0.1);
        Tensor w2 = weight();
        restored.build(List.of(w2));
        restored.setVariables(saved);
        restored.iterations(adam.iterations());
        System.arraycopy(w.toArray(), 0, Storage.data(w2), 0, 3);
        step(adam, w);
        step(restored, w2);
        assertArrayEquals(w.toArray(), w2.toArray(), 0.0);
    }

    @Test
    void defaultsAndNamesAreKeras() {
        assertInstanceOf(SGD.class, Optimizers.get("sgd"));
        assertInstanceOf(Adam.class, Optimizers.get("adam"));
        assertInstanceOf(RMSprop.class, Optimizers.get("rmsprop"));
        Adam adam = new Adam();
        assertEquals(0.001, adam.learningRate());
        assertEquals(0.9, adam.beta1());
        assertEquals(0.999, adam.beta2());
        assertEquals(1e-7, adam.epsilon());
        assertEquals(0.001, new RMSprop().learningRate());
        assertThrows(IllegalArgumentException.class, () -> Optimizers.get("adagrad"));
    }
}
