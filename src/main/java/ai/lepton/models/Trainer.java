package ai.lepton.models;

import ai.lepton.autograd.Anomaly;
import ai.lepton.autograd.NoGrad;
import ai.lepton.data.Batch;
import ai.lepton.data.DataLoader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one epoch loop behind {@link Model#fit} and {@link Model#evaluate}, as Keras's trainer:
 * it owns the callbacks, the epochs, the running means of the loss and metrics, validation at the
 * end of each epoch and the stop flag; what a step does is a {@link TrainStep}.
 */
final class Trainer {
    private final Model model;
    private final FitOptions options;

    /**
     * @param model a compiled model
     * @param options epochs, callbacks, validation, verbosity
     */
    Trainer(Model model, FitOptions options) {
        this.model = model;
        this.options = options;
    }

    /**
     * Trains.
     *
     * @param steps what each step does
     * @param validation the validation batches, or {@code null}
     * @return the per-epoch logs
     */
    History fit(TrainStep steps, DataLoader validation) {
        Batch sample = steps.sample();
        model.prepareToTrain(sample);
        model.optimizer().build(model.trainableWeights());

        History history = new History();
        List<Callback> callbacks = new ArrayList<>(options.callbacks());
        if (options.verbose() > 0 && callbacks.stream().noneMatch(c -> c instanceof ProgbarLogger)) {
            callbacks.add(new ProgbarLogger().verbose(options.verbose()).output(options.output()));
        }
        callbacks.add(history);
        model.stopTraining(false);
        for (Callback c : callbacks) {
            c.setModel(model);
            c.setParams(new TrainingParams(options.epochs(), steps.stepsPerEpoch(), steps.batchSize()));
        }
        for (Callback c : callbacks) {
            c.onTrainBegin(new TreeMap<>());
        }
        TrainingState resume = null;
        for (Callback c : callbacks) {
            TrainingState state = c.resumeFrom();
            resume = state == null ? resume : state;
        }
        int firstEpoch = resume == null ? options.initialEpoch() : resume.epoch();
        Map<String, Double> epochLogs = new TreeMap<>();
        for (int epoch = firstEpoch; epoch < options.epochs(); epoch++) {
            EpochLogs logs = model.newLogs(sample);
            int firstStep = 0;
            if (resume != null && epoch == firstEpoch) {
                firstStep = resume.step();
                if (resume.logs() != null) {
                    logs.merge(resume.logs());
                }
            }
            model.progress(epoch, firstStep, logs);
            if (firstStep == 0) {
                for (Callback c : callbacks) {
                    c.onEpochBegin(epoch, new TreeMap<>());
                }
            }
            Map<String, Double> values = logs.examples() == 0 ? new TreeMap<>() : logs.values();
            for (int step = firstStep; step < steps.stepsPerEpoch(); step++) {
                for (Callback c : callbacks) {
                    c.onBatchBegin(step, new TreeMap<>());
                }
                // Under the model's lock, which save takes too: a save from another thread sees the
                // weights and the optimizer's step count of one step, never of half a step.
                synchronized (model) {
                    checkedStep(steps, epoch, step, logs);
                    model.progress(epoch, step + 1, logs);
                }
                values = logs.values();
                for (Callback c : callbacks) {
                    c.onBatchEnd(step, values);
                }
                if (model.stopTraining()) {
                    break;
                }
            }
            Map<String, Double> ended = new TreeMap<>(values);
            if (validation != null && (epoch + 1) % options.validationFreq() == 0) {
                evaluate(validation).forEach((k, v) -> ended.put("val_" + k, v));
            }
            model.progress(epoch + 1, 0, null);
            for (Callback c : callbacks) {
                c.onEpochEnd(epoch, ended);
            }
            epochLogs = ended;
            if (model.stopTraining()) {
                break;
            }
        }
        // Keras's finalize_variable_values: with useEma, the weights become their moving averages.
        model.optimizer().finalizeVariableValues(model.trainableWeights());
        model.progress(-1, 0, null);
        for (Callback c : callbacks) {
            c.onTrainEnd(epochLogs);
        }
        return history;
    }

    /**
     * Computes the loss and metrics over every batch of one pass, without gradients.
     *
     * @param data the batches
     * @return the loss under {@code "loss"} and each metric under its key
     */
    @SuppressWarnings("try") // the scope is the point, the variable is unused
    Map<String, Double> evaluate(DataLoader data) {
        Iterator<Batch> batches = data.epoch(0);
        if (!batches.hasNext()) {
            throw new IllegalArgumentException("evaluate: there are no examples to evaluate on");
        }
        EpochLogs logs = null;
        try (NoGrad g = NoGrad.enter()) {
            while (batches.hasNext()) {
                Batch batch = batches.next();
                if (logs == null) {
                    model.prepareToTrain(batch);
                    logs = model.newLogs(batch);
                }
                model.computeLoss(batch, false, logs);
            }
        }
        return logs.values();
    }

    /** One step, under anomaly detection if asked for, whose report then names the epoch and batch. */
    @SuppressWarnings("try") // the scope is the point, the variable is unused
    private void checkedStep(TrainStep steps, int epoch, int step, EpochLogs logs) {
        if (!options.detectAnomaly()) {
            steps.run(epoch, step, logs);
            return;
        }
        try (Anomaly a = Anomaly.detect()) {
            steps.run(epoch, step, logs);
        } catch (ArithmeticException e) {
            ArithmeticException located = new ArithmeticException("Epoch " + (epoch + 1) + ", batch " + (step + 1) + ": "
                    + e.getMessage());
            located.initCause(e);
            throw located;
        }
    }
}
