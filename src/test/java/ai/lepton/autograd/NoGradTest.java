package ai.lepton.autograd;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class NoGradTest {
    private static Tensor leaf() {
        return Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
    }

    private static boolean recorded(Tensor y) {
        return y.requiresGrad() && Storage.creator(y) != null;
    }

    @Test
    @SuppressWarnings("try")
    void nothingIsRecordedInside() {
        Tensor x = leaf();
        Tensor y;
        try (NoGrad g = NoGrad.enter()) {
            y = x.mul(2).exp().sum();
        }
        assertFalse(y.requiresGrad());
        assertNull(Storage.creator(y));
        assertTrue(recorded(x.mul(2)), "recording resumes after the scope");
    }

    @Test
    @SuppressWarnings("try")
    void scopesNest() {
        Tensor x = leaf();
        try (NoGrad outer = NoGrad.enter()) {
            try (NoGrad inner = NoGrad.enter()) {
                assertFalse(recorded(x.mul(2)));
            }
            assertFalse(recorded(x.mul(2)), "still inside the outer scope");
        }
        assertTrue(recorded(x.mul(2)));
    }

    @Test
    @SuppressWarnings("try")
    void closingTwiceEndsOnlyOneScope() {
        Tensor x = leaf();
        try (NoGrad outer = NoGrad.enter()) {
            NoGrad inner = NoGrad.enter();
            inner.close();
            inner.close();
            assertFalse(recorded(x.mul(2)), "the outer scope is still open");
        }
        assertTrue(recorded(x.mul(2)));
    }

    @Test
    @SuppressWarnings("try")
    void scopesArePerThread() throws InterruptedException {
        Tensor x = leaf();
        AtomicBoolean otherThreadRecorded = new AtomicBoolean();
        try (NoGrad g = NoGrad.enter()) {
            Thread other = new Thread(() -> otherThreadRecorded.set(recorded(x.mul(2))));
            other.start();
            other.join();
            assertFalse(recorded(x.mul(2)));
        }
        assertTrue(otherThreadRecorded.get(), "a NoGrad on this thread must not stop another thread recording");

        AtomicBoolean otherThreadInside = new AtomicBoolean(true);
        Thread other = new Thread(() -> {
            try (NoGrad g = NoGrad.enter()) {
                otherThreadInside.set(recorded(x.mul(2)));
            }
        });
        other.start();
        other.join();
        assertFalse(otherThreadInside.get());
        assertTrue(recorded(x.mul(2)), "another thread's NoGrad must not affect this thread");
    }
}
