package ai.lepton.models;

import ai.lepton.autograd.Anomaly;
import ai.lepton.autograd.NoGrad;
import ai.lepton.autograd.StepArena;
import ai.lepton.layers.Activations;
import ai.lepton.layers.Layer;
import ai.lepton.losses.Loss;
import ai.lepton.metrics.Metric;
import ai.lepton.metrics.Metrics;
import ai.lepton.optimizers.Optimizer;
import ai.lepton.tensor.Storage;
import ai.lepton.tensor.Tensor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keras's training loop for one {@link Sequential#fit} or {@link Sequential#evaluate} call: every
 * check on the data happens before the first step, then one optimizer step per batch, with the
 * loss and metrics averaged over each epoch's examples (batches weighted by their size).
 */
final class TrainingLoop {
    private final Sequential model;
    private final FitOptions options;
    /** Recycles each training step's large arrays in the next one. */
    private final StepArena arena = new StepArena();

    TrainingLoop(Sequential model, FitOptions options) {
        this.model = model;
        this.options = options;
    }

    /**
     * Trains.
     *
     * @param train the training batches
     * @param validation the validation batches, or {@code null}
     * @return the per-epoch logs
     */
    History run(BatchSource train, BatchSource validation) {
        int[] predictionShape = prepare("fit", train);
        List<Metric> metrics = metrics(train.yShape(), predictionShape);
        List<Metric> validationMetrics = validation == null ? List.of() : metrics(validation.yShape(), prepare("fit", validation));
        List<Tensor> weights = model.trainableWeights();
        model.optimizer().build(weights);

        History history = new History();
        List<Callback> callbacks = new ArrayList<>(options.callbacks());
        if (options.verbose() > 0) {
            boolean terminal = options.output() == System.out && System.console() != null;
            callbacks.add(new ProgressLogger(options.output(), options.verbose(), terminal, options.epochs(),
                    train.numBatches(), System::nanoTime));
        }
        callbacks.add(history);
        model.stopTraining(false);
        for (Callback c : callbacks) {
            c.setModel(model);
        }
        for (Callback c : callbacks) {
            c.onTrainBegin(new TreeMap<>());
        }
        Map<String, Double> epochLogs = new TreeMap<>();
        for (int epoch = options.initialEpoch(); epoch < options.epochs(); epoch++) {
            for (Metric m : metrics) {
                m.reset();
            }
            for (Callback c : callbacks) {
                c.onEpochBegin(epoch, new TreeMap<>());
            }
            Map<String, Double> logs = new TreeMap<>();
            double lossSum = 0;
            int seen = 0;
            int step = 0;
            for (Iterator<Tensor[]> it = train.batches(epoch); it.hasNext(); step++) {
                Tensor[] batch = it.next();
                for (Callback c : callbacks) {
                    c.onBatchBegin(step, new TreeMap<>());
                }
                int size = Storage.shape(batch[0])[0];
                lossSum += checkedStep(epoch, step, batch, weights, metrics) * size;
                seen += size;
                logs = logs(lossSum / seen, metrics);
                for (Callback c : callbacks) {
                    c.onBatchEnd(step, logs);
                }
                if (model.stopTraining()) {
                    break;
                }
            }
            Map<String, Double> ended = new TreeMap<>(logs);
            if (validation != null) {
                evaluate(validation, validationMetrics).forEach((k, v) -> ended.put("val_" + k, v));
            }
            for (Callback c : callbacks) {
                c.onEpochEnd(epoch, ended);
            }
            epochLogs = ended;
            if (model.stopTraining()) {
                break;
            }
        }
        for (Callback c : callbacks) {
            c.onTrainEnd(epochLogs);
        }
        return history;
    }

    /**
     * Computes the loss and metrics over every batch, without gradients.
     *
     * @param data the batches
     * @return the loss under {@code "loss"} and each metric under its name
     */
    Map<String, Double> evaluate(BatchSource data) {
        return evaluate(data, metrics(data.yShape(), prepare("evaluate", data)));
    }

    @SuppressWarnings("try") // the scope is the point, the variable is unused
    private Map<String, Double> evaluate(BatchSource data, List<Metric> metrics) {
        for (Metric m : metrics) {
            m.reset();
        }
        boolean fused = fused();
        double lossSum = 0;
        int seen = 0;
        try (NoGrad g = NoGrad.enter()) {
            for (Iterator<Tensor[]> it = data.batches(0); it.hasNext();) {
                Tensor[] batch = it.next();
                Tensor out = model.forward(batch[0], false, fused);
                Tensor loss = fused ? model.loss().computeFromLogits(batch[1], out) : model.loss().compute(batch[1], out);
                int size = Storage.shape(batch[0])[0];
                lossSum += loss.item() * size;
                seen += size;
                updateMetrics(metrics, batch[1], out, fused);
            }
        }
        return logs(lossSum / seen, metrics);
    }

    /** One training step, under anomaly detection if asked for, whose report then names the epoch and batch. */
    @SuppressWarnings("try") // the scope is the point, the variable is unused
    private double checkedStep(int epoch, int step, Tensor[] batch, List<Tensor> weights, List<Metric> metrics) {
        if (!options.detectAnomaly()) {
            return trainStep(batch[0], batch[1], weights, metrics);
        }
        try (Anomaly a = Anomaly.detect()) {
            return trainStep(batch[0], batch[1], weights, metrics);
        } catch (ArithmeticException e) {
            ArithmeticException located = new ArithmeticException("Epoch " + (epoch + 1) + ", batch " + (step + 1) + ": "
                    + e.getMessage());
            located.initCause(e);
            throw located;
        }
    }

    @SuppressWarnings("try") // the scope is the point, the variable is unused
    private double trainStep(Tensor x, Tensor y, List<Tensor> weights, List<Metric> metrics) {
        boolean fused = fused();
        for (Tensor w : weights) {
            w.zeroGrad();
        }
        // Nothing of this step is used after it: the next one may recycle its arrays.
        try (StepArena step = arena.begin()) {
            Tensor out = model.forward(x, true, fused);
            Tensor loss = fused ? model.loss().computeFromLogits(y, out) : model.loss().compute(y, out);
            loss.backward();
            model.optimizer().apply(weights);
            updateMetrics(metrics, y, out, fused);
            return loss.item();
        }
    }

    @SuppressWarnings("try") // the scope is the point, the variable is unused
    private void updateMetrics(List<Metric> metrics, Tensor y, Tensor out, boolean fused) {
        if (metrics.isEmpty()) {
            return;
        }
        try (NoGrad g = NoGrad.enter()) {
            Tensor predictions = fused ? Activations.get(lastLayer().finalActivation()).apply(out) : out;
            for (Metric m : metrics) {
                m.update(y, predictions);
            }
        }
    }

    /**
     * Checks, before any step, that the model is compiled and the data fit it and the loss.
     *
     * @return the shape of the predictions for all of the data
     */
    private int[] prepare(String what, BatchSource data) {
        Optimizer optimizer = model.optimizer();
        Loss loss = model.loss();
        if (optimizer == null || loss == null) {
            throw new IllegalStateException(what + ": Sequential '" + model.name()
                    + "' is not compiled; call compile(optimizer, loss, metrics...) first");
        }
        if (data.size() == 0) {
            throw new IllegalArgumentException(what + ": there are no examples to train or evaluate on");
        }
        model.ensureBuilt(data.xShape());
        int[] predictionShape = Sequential.batched(data.size(), model.outputShapeOf(model.layers().size() - 1));
        loss.validate(data.allLabels(), predictionShape);
        return predictionShape;
    }

    private List<Metric> metrics(int[] yShape, int[] predictionShape) {
        List<Metric> out = new ArrayList<>();
        for (String name : model.metricNames()) {
            out.add(Metrics.get(name, yShape, predictionShape));
        }
        return out;
    }

    private boolean fused() {
        return model.loss().fusesWith(lastLayer().finalActivation());
    }

    private Layer lastLayer() {
        return model.layers().get(model.layers().size() - 1);
    }

    private static Map<String, Double> logs(double loss, List<Metric> metrics) {
        Map<String, Double> logs = new TreeMap<>();
        logs.put("loss", loss);
        for (Metric m : metrics) {
            logs.put(m.name(), m.result());
        }
        return logs;
    }
}
