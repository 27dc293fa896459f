package ${package};

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AppTest {
    @Test
    void theModelLearnsTheToyProblem() {
        double accuracy = App.train();
        assertTrue(accuracy > 0.9, "accuracy " + accuracy);
    }
}
