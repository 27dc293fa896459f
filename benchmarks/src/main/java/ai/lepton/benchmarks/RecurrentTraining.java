package ai.lepton.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ai.lepton.Settings;
import ai.lepton.layers.Dense;
import ai.lepton.layers.Embedding;
import ai.lepton.layers.GRU;
import ai.lepton.layers.LSTM;
import ai.lepton.layers.Layer;
import ai.lepton.models.FitOptions;
import ai.lepton.models.Sequential;
import ai.lepton.optimizers.Adam;
import ai.lepton.tensor.Tensor;

/**
 * Training time of a recurrent text classifier, Embedding(1000, 64) → LSTM(64) or GRU(64) →
 * Dense(1, sigmoid), binary cross-entropy, Adam 1e-3, batch 32, sequences of 50 token ids: the
 * same models and data as {@code benchmarks/pytorch/bench_recurrent.py}, printing the same JSON
 * lines. The data are synthetic (token ids from SplitMix64, which the Python side reproduces bit
 * for bit; the label says whether more ids are below 500 than above), so that only the arithmetic
 * is compared.
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     ai.lepton.benchmarks.RecurrentTraining [--models lstm,gru] [--threads 2] [--sequences 3200] [--warmup-epochs 1]
 * </pre>
 *
 * <p>An "epoch" is one pass over the sequences in order; with {@code --warmup-epochs N} a
 * throwaway copy of each model is first trained for N untimed epochs, so that the timed epoch (of
 * a fresh model) measures the steady state after the JIT has compiled the hot code.
 */
public final class RecurrentTraining {
    static final int VOCABULARY = 1000;
    static final int STEPS = 50;
    static final int EMBEDDING = 64;
    static final int UNITS = 64;
    static final int BATCH = 32;

    private RecurrentTraining() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code --models lstm,gru}, {@code --threads N}, {@code --sequences N} (a multiple
     *             of 32; default 3200), {@code --warmup-epochs N} (default 1), {@code --seed N}
     */
    public static void main(String[] args) {
        String models = "lstm,gru";
        int threads = 2;
        int sequences = 3200;
        int warmupEpochs = 1;
        long seed = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--models" -> models = args[i + 1];
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--sequences" -> sequences = Integer.parseInt(args[i + 1]);
                case "--warmup-epochs" -> warmupEpochs = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        Settings.setThreads(threads);
        Tensor[] data = data(sequences);
        for (String name : models.split(",")) {
            System.out.println(run(name, data, threads, seed, warmupEpochs));
        }
    }

    /** Token ids in [1, 1000) from SplitMix64 (seeded with 42), and labels: more ids below 500 than above. */
    static Tensor[] data(int sequences) {
        double[] ids = new double[sequences * STEPS];
        double[] labels = new double[sequences];
        long state = 42;
        for (int i = 0; i < sequences; i++) {
            int low = 0;
            for (int t = 0; t < STEPS; t++) {
                state += 0x9E3779B97F4A7C15L;
                long z = state;
                z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
                z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
                z ^= z >>> 31;
                int id = 1 + (int) Long.remainderUnsigned(z, VOCABULARY - 1);
                ids[i * STEPS + t] = id;
                low += id < VOCABULARY / 2 ? 1 : 0;
            }
            labels[i] = 2 * low > STEPS ? 1 : 0;
        }
        return new Tensor[] {Tensor.of(ids, sequences, STEPS), Tensor.of(labels, sequences, 1)};
    }

    static Sequential model(String name, long seed) {
        Layer recurrent = switch (name) {
            case "lstm" -> new LSTM(UNITS);
            case "gru" -> new GRU(UNITS);
            default -> throw new IllegalArgumentException("Unknown model " + name + "; expected lstm or gru");
        };
        Sequential model = new Sequential(new Embedding(VOCABULARY, EMBEDDING).inputShape(STEPS), recurrent,
                new Dense(1, "sigmoid"));
        model.seed(seed).compile(new Adam(1e-3), "binary_crossentropy");
        return model;
    }

    private static String run(String name, Tensor[] data, int threads, long seed, int warmupEpochs) {
        FitOptions options = FitOptions.create().epochs(1).batchSize(BATCH).shuffle(false).verbose(0);
        for (int i = 0; i < warmupEpochs; i++) {
            model(name, seed).fit(data[0], data[1], options);
        }
        Sequential model = model(name, seed);
        long start = System.nanoTime();
        double loss = model.fit(data[0], data[1], options).loss().get(0);
        double epoch = (System.nanoTime() - start) / 1e9;
        int batches = data[0].shape()[0] / BATCH;
        List<String> fields = new ArrayList<>();
        fields.add(field("framework", "\"lepton\""));
        fields.add(field("dtype", "\"float64\""));
        fields.add(field("model", "\"" + name + "\""));
        fields.add(field("epoch_s", epoch));
        fields.add(field("batch_ms", 1000 * epoch / batches));
        fields.add(field("loss", loss));
        fields.add(field("threads", threads));
        fields.add(field("warmup_epochs", warmupEpochs));
        return "{" + String.join(", ", fields) + "}";
    }

    private static String field(String key, Object value) {
        String v = value instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : String.valueOf(value);
        return "\"" + key + "\": " + v;
    }
}
