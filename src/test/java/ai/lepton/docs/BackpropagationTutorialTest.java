package ai.lepton.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Redoes the calculation of {@code docs/03-backpropagation.md} with plain {@code double}
 * arithmetic, independently of Lepton, and compares it with the numbers printed in that
 * tutorial's output blocks. {@link DocTest} checks the same blocks against Lepton's autograd, so
 * the hand calculation, the document and the library all agree.
 */
class BackpropagationTutorialTest {
    private static final Path TUTORIAL = Path.of("docs/03-backpropagation.md");
    private static final Pattern OUTPUT_BLOCK = Pattern.compile("(?ms)^```output\\s*\\n(.*?)^```");
    private static final Pattern NAMED_LINE = Pattern.compile("^(\\w+) = (.*)$");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+\\.\\d+");
    /** The document prints six decimals, correctly rounded. */
    private static final double PRINTED_HALF_UNIT = 0.5e-6 + 1e-12;

    private static final double[] X = {1, 0, 1};
    private static final double[][] W1 = {{0.1, 0.2}, {0.3, 0.4}, {0.5, 0.6}};
    private static final double[] B1 = {0.1, 0.2};
    private static final double[] W2 = {0.7, 0.8};
    private static final double B2 = 0.1;
    private static final double TARGET = 0;
    private static final double LEARNING_RATE = 0.5;

    @Test
    void printedNumbersMatchAHandCalculation() throws IOException {
        Map<String, double[]> printed = printedNumbers(Files.readString(TUTORIAL));
        Map<String, double[]> expected = handCalculation();
        assertEquals(expected.keySet(), printed.keySet(), "the values the tutorial prints");
        for (String name : expected.keySet()) {
            double[] want = expected.get(name);
            double[] got = printed.get(name);
            assertEquals(want.length, got.length, name + ": how many numbers");
            for (int i = 0; i < want.length; i++) {
                assertTrue(Math.abs(want[i] - got[i]) <= PRINTED_HALF_UNIT,
                        name + "[" + i + "]: the tutorial prints " + got[i] + ", by hand it is " + want[i]);
            }
        }
    }

    /** Forward pass, deltas, gradients and one SGD step, as the tutorial's text derives them. */
    private static Map<String, double[]> handCalculation() {
        double[] z1 = new double[2];
        double[] a1 = new double[2];
        for (int j = 0; j < 2; j++) {
            z1[j] = B1[j];
            for (int i = 0; i < 3; i++) {
                z1[j] += X[i] * W1[i][j];
            }
            a1[j] = sigmoid(z1[j]);
        }
        double z2 = a1[0] * W2[0] + a1[1] * W2[1] + B2;
        double a2 = sigmoid(z2);
        double loss = 0.5 * (a2 - TARGET) * (a2 - TARGET);

        double delta2 = (a2 - TARGET) * a2 * (1 - a2);
        double[] dW2 = {a1[0] * delta2, a1[1] * delta2};
        double[] delta1 = new double[2];
        for (int j = 0; j < 2; j++) {
            delta1[j] = delta2 * W2[j] * a1[j] * (1 - a1[j]);
        }
        double[] dW1 = new double[6];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                dW1[2 * i + j] = X[i] * delta1[j];
            }
        }

        double[] newW1 = new double[6];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                newW1[2 * i + j] = W1[i][j] - LEARNING_RATE * dW1[2 * i + j];
            }
        }
        double[] newB1 = {B1[0] - LEARNING_RATE * delta1[0], B1[1] - LEARNING_RATE * delta1[1]};
        double[] newW2 = {W2[0] - LEARNING_RATE * dW2[0], W2[1] - LEARNING_RATE * dW2[1]};
        double newB2 = B2 - LEARNING_RATE * delta2;

        double[] hidden = new double[2];
        for (int j = 0; j < 2; j++) {
            double z = newB1[j];
            for (int i = 0; i < 3; i++) {
                z += X[i] * newW1[2 * i + j];
            }
            hidden[j] = sigmoid(z);
        }
        double a2After = sigmoid(hidden[0] * newW2[0] + hidden[1] * newW2[1] + newB2);
        double lossAfter = 0.5 * (a2After - TARGET) * (a2After - TARGET);

        Map<String, double[]> values = new LinkedHashMap<>();
        values.put("z1", z1);
        values.put("a1", a1);
        values.put("z2", new double[] {z2});
        values.put("a2", new double[] {a2});
        values.put("loss", new double[] {loss});
        values.put("dW2", dW2);
        values.put("db2", new double[] {delta2});
        values.put("dW1", dW1);
        values.put("db1", delta1);
        values.put("W1", newW1);
        values.put("b1", newB1);
        values.put("W2", newW2);
        values.put("b2", new double[] {newB2});
        values.put("a2#2", new double[] {a2After, lossAfter, loss});
        return values;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /**
     * Every output line of the form {@code name = numbers...}, keyed by name; a name printed a
     * second time is keyed {@code name#2}.
     */
    private static Map<String, double[]> printedNumbers(String markdown) {
        Map<String, double[]> values = new LinkedHashMap<>();
        Matcher block = OUTPUT_BLOCK.matcher(markdown);
        while (block.find()) {
            for (String line : block.group(1).split("\n")) {
                Matcher named = NAMED_LINE.matcher(line.strip());
                if (!named.matches()) {
                    continue;
                }
                List<Double> numbers = new ArrayList<>();
                Matcher number = NUMBER.matcher(named.group(2));
                while (number.find()) {
                    numbers.add(Double.parseDouble(number.group()));
                }
                String key = values.containsKey(named.group(1)) ? named.group(1) + "#2" : named.group(1);
                values.put(key, numbers.stream().mapToDouble(Double::doubleValue).toArray());
            }
        }
        return values;
    }
}
