package ai.lepton.callbacks;

import ai.lepton.models.Callback;
import java.util.Map;

/**
 * A callback made of lambdas, as Keras's {@code LambdaCallback(on_epoch_end=..., ...)}: each hook
 * not given does nothing.
 *
 * <pre>{@code
 * LambdaCallback printer = new LambdaCallback()
 *         .onEpochEnd((epoch, logs) -> System.out.println(epoch + ": " + logs.get("loss")))
 *         .onTrainEnd(logs -> System.out.println("done"));
 * model.fit(x, y, FitOptions.create().epochs(2).verbose(0).callbacks(printer));
 * }</pre>
 */
public final class LambdaCallback implements Callback {
    /** A hook with an epoch or batch number and the logs. */
    @FunctionalInterface
    public interface Hook {
        /**
         * @param index the 0-based epoch or batch
         * @param logs the logs Keras passes to that hook
         */
        void call(int index, Map<String, Double> logs);
    }

    /** A hook at the start or end of training. */
    @FunctionalInterface
    public interface TrainHook {
        /** @param logs the logs Keras passes to that hook */
        void call(Map<String, Double> logs);
    }

    private Hook epochBegin = (i, logs) -> { };
    private Hook epochEnd = (i, logs) -> { };
    private Hook batchBegin = (i, logs) -> { };
    private Hook batchEnd = (i, logs) -> { };
    private TrainHook trainBegin = logs -> { };
    private TrainHook trainEnd = logs -> { };

    /** A callback that does nothing until hooks are given. */
    public LambdaCallback() {
    }

    /**
     * @param hook called at the start of each epoch
     * @return this callback
     */
    public LambdaCallback onEpochBegin(Hook hook) {
        epochBegin = hook;
        return this;
    }

    /**
     * @param hook called at the end of each epoch, with the epoch's values
     * @return this callback
     */
    public LambdaCallback onEpochEnd(Hook hook) {
        epochEnd = hook;
        return this;
    }

    /**
     * @param hook called before each batch
     * @return this callback
     */
    public LambdaCallback onBatchBegin(Hook hook) {
        batchBegin = hook;
        return this;
    }

    /**
     * @param hook called after each batch, with the running values
     * @return this callback
     */
    public LambdaCallback onBatchEnd(Hook hook) {
        batchEnd = hook;
        return this;
    }

    /**
     * @param hook called once before training
     * @return this callback
     */
    public LambdaCallback onTrainBegin(TrainHook hook) {
        trainBegin = hook;
        return this;
    }

    /**
     * @param hook called once after training, with the last epoch's values
     * @return this callback
     */
    public LambdaCallback onTrainEnd(TrainHook hook) {
        trainEnd = hook;
        return this;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        epochBegin.call(epoch, logs);
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        epochEnd.call(epoch, logs);
    }

    @Override
    public void onBatchBegin(int batch, Map<String, Double> logs) {
        batchBegin.call(batch, logs);
    }

    @Override
    public void onBatchEnd(int batch, Map<String, Double> logs) {
        batchEnd.call(batch, logs);
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        trainBegin.call(logs);
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        trainEnd.call(logs);
    }
}
