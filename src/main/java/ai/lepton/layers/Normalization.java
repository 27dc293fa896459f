package ai.lepton.layers;

import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Shifts and scales inputs to mean 0 and variance 1 with statistics computed beforehand, as
 * Keras's {@code Normalization}: {@code y = (x - mean) / max(sqrt(variance), 1e-7)}, or with
 * {@code invert(true)} {@code y = mean + x * max(sqrt(variance), 1e-7)}. The statistics are kept
 * separately for each index along the {@code axis} axes (Keras's numbering: the batch is axis 0,
 * {@code -1} the last; the default keeps one mean per feature along the last axis; {@code axis()}
 * with no axes is Keras's {@code axis=None}, one mean for everything), and are either given
 * ({@link #mean}, {@link #variance}) or computed from data by {@link #adapt}.
 *
 * <p>Adapted statistics are the layer's non-trainable weights {@code mean}, {@code variance} (the
 * kept axes' shape) and {@code count} (a scalar: how many values each statistic came from, where
 * Keras leaves 0), so a saved model keeps them. Given statistics are settings and the layer has no weights. Masks pass
 * through; the gradient is {@code 1 / std} (or {@code std}).
 *
 * <pre>{@code
 * Normalization norm = new Normalization();
 * norm.adapt(x);                                 // per-feature mean and variance of (64, 4) data
 * Sequential model = new Sequential(norm, new Dense(1));
 * new Normalization().mean(3.0).variance(2.0);   // statistics given
 * }</pre>
 */
public final class Normalization extends Layer {
    private static final double EPSILON = 1e-7;
    private int[] axis = {-1};
    private double[] mean;
    private double[] variance;
    private boolean invert;

    /** A layer that keeps one mean and variance per index of the last axis, to be adapted. */
    public Normalization() {
    }

    /**
     * Rebuilds a layer from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new layer
     */
    public static Normalization fromConfig(Config config) {
        int[] axes = !config.has("axis") ? new int[] {-1} : config.get("axis") == null ? new int[0] : config.getInts("axis");
        Normalization layer = new Normalization().axis(axes).invert(config.getBoolean("invert", false));
        if (config.get("mean") != null) {
            layer.mean(config.getDoubles("mean"));
        }
        if (config.get("variance") != null) {
            layer.variance(config.getDoubles("variance"));
        }
        return layer;
    }

    /**
     * @param axes the axes with their own statistics, Keras-style (batch = 0, negative from the
     *        end; 0 itself is not allowed); none for one statistic over all values (Keras's {@code axis=None})
     * @return this layer
     */
    public Normalization axis(int... axes) {
        axis = axes.clone();
        return this;
    }

    /**
     * Gives the mean instead of adapting it; give the variance too.
     *
     * @param values one value for every kept index, or a single value for all
     * @return this layer
     */
    public Normalization mean(double... values) {
        mean = values.clone();
        return this;
    }

    /**
     * Gives the variance instead of adapting it; give the mean too.
     *
     * @param values one non-negative value for every kept index, or a single value for all
     * @return this layer
     * @throws IllegalArgumentException if a value is negative or NaN
     */
    public Normalization variance(double... values) {
        for (double v : values) {
            if (!(v >= 0)) {
                throw new IllegalArgumentException("Normalization: variance must not be negative. Received: variance="
                        + Arrays.toString(values));
            }
        }
        variance = values.clone();
        return this;
    }

    /**
     * @param on whether to undo a normalization instead, {@code y = mean + x * std} (default false)
     * @return this layer
     */
    public Normalization invert(boolean on) {
        invert = on;
        return this;
    }

    /**
     * The per-example axes that keep their own statistics, sorted.
     *
     * @throws ShapeException naming the layer if an axis is out of range or the batch axis
     */
    private int[] kept(int[] inputShape) {
        int rank = inputShape.length + 1;
        int[] kept = new int[axis.length];
        for (int i = 0; i < axis.length; i++) {
            int a = axis[i] < 0 ? axis[i] + rank : axis[i];
            if (a < 1 || a >= rank) {
                throw new ShapeException(describe() + ": axis " + Arrays.toString(axis) + " must name axes in [1, " + rank
                        + ") or [-" + (rank - 1) + ", -1] (not the batch axis 0) for input " + Shapes.formatBatched(inputShape));
            }
            kept[i] = a - 1;
        }
        Arrays.sort(kept);
        for (int i = 1; i < kept.length; i++) {
            if (kept[i] == kept[i - 1]) {
                throw new ShapeException(describe() + ": axis " + Arrays.toString(axis) + " names an axis twice");
            }
        }
        return kept;
    }

    /** The shape of the statistics: the kept axes' dimensions. */
    private int[] statisticsShape(int[] inputShape) {
        int[] kept = kept(inputShape);
        int[] shape = new int[kept.length];
        for (int i = 0; i < kept.length; i++) {
            shape[i] = inputShape[kept[i]];
        }
        return shape;
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        int size = Shapes.size(statisticsShape(inputShape));
        if ((mean == null) != (variance == null)) {
            throw new IllegalArgumentException(describe() + ": when setting values directly, both mean and variance must be set. "
                    + "Received: mean=" + Arrays.toString(mean) + ", variance=" + Arrays.toString(variance));
        }
        for (double[] given : new double[][] {mean, variance}) {
            if (given != null && given.length != 1 && given.length != size) {
                throw new ShapeException(describe() + ": mean and variance need 1 or " + size + " values for input "
                        + Shapes.formatBatched(inputShape) + " and axis " + Arrays.toString(axis) + ", received " + given.length);
            }
        }
        return inputShape.clone();
    }

    @Override
    protected void declareWeights(int[] inputShape, Weights weights) {
        if (mean == null) {
            int[] shape = statisticsShape(inputShape);
            weights.addNonTrainable("mean", shape, Initializers.get("zeros"));
            weights.addNonTrainable("variance", shape, Initializers.get("ones"));
            weights.addNonTrainable("count", new int[0], Initializers.get("zeros"));
        }
    }

    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public Tensor call(Tensor x, boolean training) {
        int[] inputShape = builtInputShape();
        int[] kept = kept(inputShape);
        int[] broadcast = new int[inputShape.length + 1];
        Arrays.fill(broadcast, 1);
        for (int k : kept) {
            broadcast[k + 1] = inputShape[k];
        }
        int size = Shapes.size(broadcast);
        double[] m = statistic(mean, "mean", size);
        double[] std = statistic(variance, "variance", size);
        for (int i = 0; i < size; i++) {
            std[i] = Math.max(Math.sqrt(std[i]), EPSILON);
        }
        Tensor meanT = Storage.wrap(m, broadcast);
        Tensor stdT = Storage.wrap(std, broadcast);
        return invert ? x.mul(stdT).add(meanT) : x.sub(meanT).div(stdT);
    }

    /** The given values (one broadcast to all) or the adapted variable's, as a fresh array of {@code size}. */
    private double[] statistic(double[] given, String variable, int size) {
        if (given == null) {
            synchronized (this) {
                return Storage.data(weight(variable)).clone();
            }
        }
        if (given.length == 1) {
            double[] all = new double[size];
            Arrays.fill(all, given[0]);
            return all;
        }
        return given.clone();
    }

    /**
     * Computes the mean and variance of data along every axis except the kept ones (the batch
     * included) and stores them in the layer's weights, as Keras's {@code adapt(array)}; builds
     * the layer for the data's per-example shape if it is not built yet.
     *
     * @param data a batch of examples, {@code (n, ...)}
     * @return this layer
     * @throws IllegalStateException if the statistics were given ({@link #mean}, {@link #variance})
     * @throws ShapeException if the data's kept dimensions differ from those the layer was built for
     */
    public Normalization adapt(Tensor data) {
        return adapt(java.util.List.of(data));
    }

    /**
     * Computes the mean and variance over batches, as Keras's {@code adapt} of a dataset: each
     * batch's statistics are merged into the running ones weighted by their counts (the pooled
     * variance, Keras's lack-of-fit sum of squares), so the result is that of all the data.
     *
     * @param batches batches of examples, each {@code (n, ...)}; at least one
     * @return this layer
     * @throws IllegalArgumentException if there are no batches
     * @throws IllegalStateException if the statistics were given
     * @throws ShapeException if a batch's kept dimensions differ from those the layer was built for
     */
    public synchronized Normalization adapt(Iterable<Tensor> batches) {
        if (mean != null) {
            throw new IllegalStateException(describe() + ": mean and variance were given; adapt computes them only when they are not");
        }
        Iterator<Tensor> it = batches.iterator();
        if (!it.hasNext()) {
            throw new IllegalArgumentException(describe() + ": adapt received no batches");
        }
        Tensor first = it.next();
        int[] s = Storage.shape(first);
        if (s.length < 2) {
            throw new ShapeException(describe() + ": adapt needs a batch of examples (n, ...), received " + Shapes.format(s));
        }
        if (!isBuilt()) {
            build(Arrays.copyOfRange(s, 1, s.length), 0L);
        }
        int[] example = builtInputShape();
        int[] kept = kept(example);
        int keptSize = Shapes.size(statisticsShape(example));
        double[] totalMean = new double[keptSize];
        double[] totalVar = new double[keptSize];
        long totalCount = 0;
        for (Tensor batch = first; batch != null; batch = it.hasNext() ? it.next() : null) {
            int[] bs = Storage.shape(batch);
            int[] index = keptIndex(bs, example, kept);
            double[] x = Storage.data(batch);
            long count = x.length / keptSize;
            double[] batchMean = new double[keptSize];
            double[] batchVar = new double[keptSize];
            int per = index.length;
            for (int i = 0; i < x.length; i++) {
                batchMean[index[i % per]] += x[i];
            }
            for (int k = 0; k < keptSize; k++) {
                batchMean[k] /= count;
            }
            for (int i = 0; i < x.length; i++) {
                double d = x[i] - batchMean[index[i % per]];
                batchVar[index[i % per]] += d * d;
            }
            totalCount += count;
            double batchWeight = (double) count / totalCount;
            double existingWeight = 1.0 - batchWeight;
            for (int k = 0; k < keptSize; k++) {
                batchVar[k] /= count;
                double merged = totalMean[k] * existingWeight + batchMean[k] * batchWeight;
                double shiftOld = totalMean[k] - merged;
                double shiftNew = batchMean[k] - merged;
                totalVar[k] = (totalVar[k] + shiftOld * shiftOld) * existingWeight + (batchVar[k] + shiftNew * shiftNew) * batchWeight;
                totalMean[k] = merged;
            }
        }
        System.arraycopy(totalMean, 0, Storage.data(weight("mean")), 0, keptSize);
        System.arraycopy(totalVar, 0, Storage.data(weight("variance")), 0, keptSize);
        Storage.data(weight("count"))[0] = totalCount;
        return this;
    }

    /**
     * For each element of one example, the index of the statistic it belongs to.
     *
     * @throws ShapeException if the batch's per-example shape differs from the built one along a kept axis
     */
    private int[] keptIndex(int[] batchShape, int[] example, int[] kept) {
        boolean fits = batchShape.length == example.length + 1;
        for (int k = 0; fits && k < kept.length; k++) {
            fits = batchShape[kept[k] + 1] == example[kept[k]];
        }
        if (!fits) {
            throw new ShapeException(describe() + ": was built for input " + Shapes.formatBatched(example)
                    + ", but adapt received data of shape " + Shapes.format(batchShape));
        }
        int[] shape = Arrays.copyOfRange(batchShape, 1, batchShape.length);
        int[] strides = Shapes.strides(shape);
        int[] index = new int[Shapes.size(shape)];
        for (int i = 0; i < index.length; i++) {
            int flat = 0;
            for (int k : kept) {
                flat = flat * shape[k] + (i / strides[k]) % shape[k];
            }
            index[i] = flat;
        }
        return index;
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("axis", axis.clone()).put("invert", invert).put("mean", mean == null ? null : mean.clone())
                .put("variance", variance == null ? null : variance.clone());
    }

    @Override
    public Normalization inputShape(int... shapeWithoutBatch) {
        super.inputShape(shapeWithoutBatch);
        return this;
    }

    @Override
    public Normalization name(String layerName) {
        super.name(layerName);
        return this;
    }
}
