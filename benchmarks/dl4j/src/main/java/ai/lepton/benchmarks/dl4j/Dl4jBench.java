package ai.lepton.benchmarks.dl4j;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The Deeplearning4j side of Lepton's end-to-end benchmark: the MLP and the CNN of
 * docs/performance.md, one epoch on Fashion-MNIST (batch 32, Adam 1e-3, shuffled once with a fixed
 * seed), then inference on the 10,000 test images at batch 100 and 1000. Prints the same JSON
 * lines as the Lepton and PyTorch sides.
 *
 * <pre>
 * OMP_NUM_THREADS=2 java -cp target/classes:$(cat target/classpath.txt) ai.lepton.benchmarks.dl4j.Dl4jBench \
 *     --data /usr/share/datasets/fashion-mnist [--dtype float64|float32] [--models mlp,cnn]
 * </pre>
 */
public final class Dl4jBench {
    private static final int BATCH = 32;
    private static final long SEED = 0;

    private Dl4jBench() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code --data DIR}, {@code --dtype float64|float32}, {@code --models mlp,cnn}
     * @throws IOException if the data cannot be read
     */
    public static void main(String[] args) throws IOException {
        Path data = Path.of("/usr/share/datasets/fashion-mnist");
        String dtype = "float64";
        String models = "mlp,cnn";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[i + 1]);
                case "--dtype" -> dtype = args[i + 1];
                case "--models" -> models = args[i + 1];
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        DataType type = "float32".equals(dtype) ? DataType.FLOAT : DataType.DOUBLE;
        Nd4j.setDefaultDataTypes(type, type);
        float[] xTrain = images(data.resolve("train-images-idx3-ubyte.gz"));
        int[] yTrain = labels(data.resolve("train-labels-idx1-ubyte.gz"));
        float[] xTest = images(data.resolve("t10k-images-idx3-ubyte.gz"));
        int[] yTest = labels(data.resolve("t10k-labels-idx1-ubyte.gz"));
        for (String name : models.split(",")) {
            System.out.println(run(name, type, dtype, xTrain, yTrain, xTest, yTest));
        }
    }

    private static MultiLayerNetwork model(String name, DataType type) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(SEED)
                .dataType(type)
                .updater(new Adam(1e-3, 0.9, 0.999, 1e-7))
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .list();
        MultiLayerConfiguration conf = switch (name) {
            case "mlp" -> list
                    .layer(new DenseLayer.Builder().nOut(128).activation(Activation.RELU).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                            .activation(Activation.SOFTMAX).build())
                    .setInputType(InputType.feedForward(784))
                    .build();
            case "cnn" -> list
                    .layer(new ConvolutionLayer.Builder(3, 3).nOut(32).activation(Activation.RELU).build())
                    .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                    .layer(new ConvolutionLayer.Builder(3, 3).nOut(64).activation(Activation.RELU).build())
                    .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                    .layer(new DenseLayer.Builder().nOut(128).activation(Activation.RELU).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                            .activation(Activation.SOFTMAX).build())
                    .setInputType(InputType.convolutionalFlat(28, 28, 1))
                    .build();
            default -> throw new IllegalArgumentException("Unknown model " + name + "; expected mlp or cnn");
        };
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static String run(String name, DataType type, String dtype, float[] xTrain, int[] yTrain,
                              float[] xTest, int[] yTest) {
        MultiLayerNetwork net = model(name, type);
        int n = yTrain.length;
        int[] order = shuffled(n);
        long start = System.nanoTime();
        for (int from = 0; from < n; from += BATCH) {
            int to = Math.min(n, from + BATCH);
            float[] x = new float[(to - from) * 784];
            float[] y = new float[(to - from) * 10];
            for (int i = from; i < to; i++) {
                System.arraycopy(xTrain, order[i] * 784, x, (i - from) * 784, 784);
                y[(i - from) * 10 + yTrain[order[i]]] = 1;
            }
            net.fit(Nd4j.create(x, new long[] {to - from, 784}).castTo(type),
                    Nd4j.create(y, new long[] {to - from, 10}).castTo(type));
        }
        double epoch = (System.nanoTime() - start) / 1e9;
        List<String> fields = new ArrayList<>();
        fields.add("\"framework\": \"dl4j\"");
        fields.add("\"dtype\": \"" + dtype + "\"");
        fields.add("\"model\": \"" + name + "\"");
        fields.add(number("epoch_s", epoch));
        fields.add(number("samples_per_s", n / epoch));
        int right = 0;
        for (int batch : new int[] {100, 1000}) {
            right = 0;
            long t0 = System.nanoTime();
            for (int from = 0; from < yTest.length; from += batch) {
                int to = Math.min(yTest.length, from + batch);
                float[] x = new float[(to - from) * 784];
                System.arraycopy(xTest, from * 784, x, 0, x.length);
                INDArray out = net.output(Nd4j.create(x, new long[] {to - from, 784}).castTo(type));
                int[] predicted = out.argMax(1).toIntVector();
                for (int i = from; i < to; i++) {
                    if (predicted[i - from] == yTest[i]) {
                        right++;
                    }
                }
            }
            fields.add(number("infer_images_per_s_b" + batch, yTest.length / ((System.nanoTime() - t0) / 1e9)));
        }
        fields.add(number("test_accuracy", (double) right / yTest.length));
        fields.add(number("peak_rss_mb", peakRssMb()));
        return "{" + String.join(", ", fields) + "}";
    }

    private static int[] shuffled(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(SEED);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static float[] images(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            in.readInt();
            int count = in.readInt();
            int size = in.readInt() * in.readInt();
            byte[] raw = in.readNBytes(count * size);
            float[] out = new float[raw.length];
            for (int i = 0; i < raw.length; i++) {
                out[i] = (raw[i] & 0xff) / 255f;
            }
            return out;
        }
    }

    private static int[] labels(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            in.readInt();
            byte[] raw = in.readNBytes(in.readInt());
            int[] out = new int[raw.length];
            for (int i = 0; i < raw.length; i++) {
                out[i] = raw[i];
            }
            return out;
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        return new DataInputStream(new GZIPInputStream(raw));
    }

    /** VmHWM from /proc (Linux): the process's peak resident memory, native buffers included. */
    private static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    private static String number(String key, double value) {
        return String.format(Locale.ROOT, "\"%s\": %.4f", key, value);
    }
}
