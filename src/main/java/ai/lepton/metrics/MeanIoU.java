package ai.lepton.metrics;

import ai.lepton.config.Config;
import ai.lepton.tensor.ShapeException;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.Arrays;

/**
 * The mean intersection over union, Keras's {@code MeanIoU}: from the confusion matrix of all
 * examples seen, each class's {@code IoU = TP / (TP + FP + FN)} (with {@code 1e-7} added to the
 * denominator, as Keras does), averaged over the classes that occur in the labels or the
 * predictions. The common measure for semantic segmentation.
 *
 * <p>As in Keras, labels and predictions are class indices by default ({@link #sparseYTrue},
 * {@link #sparseYPred}), any shape, flattened, and cast to integers by truncation; values outside
 * {@code [0, numClasses)} and the {@link #ignoreClass(int) ignored class} are skipped. For
 * probabilities (a softmax output) set {@code sparseYPred(false)}: the class is then the largest
 * value along the last axis; likewise {@code sparseYTrue(false)} for one-hot labels.
 *
 * <pre>{@code
 * Metric iou = new MeanIoU(3).sparseYTrue(false).sparseYPred(false);
 * iou.update(oneHot, probabilities);
 * }</pre>
 */
public final class MeanIoU extends Metric {
    private final int numClasses;
    private Integer ignoreClass;
    private boolean sparseYTrue = true;
    private boolean sparseYPred = true;
    private final double[] confusion;

    /**
     * Named {@code mean_iou}.
     *
     * @param numClasses the number of classes, at least 1
     * @throws IllegalArgumentException if {@code numClasses < 1}
     */
    public MeanIoU(int numClasses) {
        this("mean_iou", numClasses);
    }

    /**
     * @param name the key the metric is reported under
     * @param numClasses the number of classes, at least 1
     * @throws IllegalArgumentException if {@code numClasses < 1}
     */
    public MeanIoU(String name, int numClasses) {
        super(name);
        if (numClasses < 1) {
            throw new IllegalArgumentException(name + ": numClasses must be at least 1. Received: numClasses=" + numClasses);
        }
        this.numClasses = numClasses;
        confusion = new double[numClasses * numClasses];
    }

    /**
     * @param id a class whose labels are skipped (e.g. a "void" class)
     * @return this metric
     */
    public MeanIoU ignoreClass(int id) {
        ignoreClass = id;
        return this;
    }

    /**
     * @param on whether labels are class indices (default true) rather than one-hot rows along the last axis
     * @return this metric
     */
    public MeanIoU sparseYTrue(boolean on) {
        sparseYTrue = on;
        return this;
    }

    /**
     * @param on whether predictions are class indices (default true) rather than scores along the last axis
     * @return this metric
     */
    public MeanIoU sparseYPred(boolean on) {
        sparseYPred = on;
        return this;
    }

    /** @return the number of classes */
    public int numClasses() {
        return numClasses;
    }

    @Override
    public void update(Tensor yTrue, Tensor yPred) {
        double[] t = classes(yTrue, sparseYTrue);
        double[] p = classes(yPred, sparseYPred);
        if (t.length != p.length) {
            throw new ShapeException(name() + ": labels " + Shapes.format(Storage.shape(yTrue)) + " and predictions "
                    + Shapes.format(Storage.shape(yPred)) + " give " + t.length + " and " + p.length + " class indices");
        }
        for (int i = 0; i < t.length; i++) {
            // Keras casts to integers, which truncates.
            long actual = (long) t[i];
            long predicted = (long) p[i];
            boolean inRange = actual >= 0 && actual < numClasses && predicted >= 0 && predicted < numClasses;
            if (inRange && (ignoreClass == null || actual != ignoreClass)) {
                confusion[(int) actual * numClasses + (int) predicted] += 1.0;
            }
        }
    }

    /** The class values of labels or predictions: as given, or the argmax of each row of the last axis. */
    private static double[] classes(Tensor y, boolean sparse) {
        double[] v = Storage.data(y);
        if (sparse) {
            return v;
        }
        int[] s = Storage.shape(y);
        int columns = s[s.length - 1];
        double[] out = new double[v.length / columns];
        for (int r = 0; r < out.length; r++) {
            out[r] = Rows.argmax(v, r, columns);
        }
        return out;
    }

    @Override
    public double result() {
        double sum = 0;
        double valid = 0;
        for (int c = 0; c < numClasses; c++) {
            double predicted = 0;
            double actual = 0;
            for (int k = 0; k < numClasses; k++) {
                predicted += confusion[k * numClasses + c];
                actual += confusion[c * numClasses + k];
            }
            double tp = confusion[c * numClasses + c];
            double denominator = predicted + actual - tp;
            if (denominator > 1e-9) {
                valid += 1;
                sum += tp / (denominator + 1e-7);
            }
        }
        return sum / (valid + 1e-7);
    }

    @Override
    public void reset() {
        Arrays.fill(confusion, 0.0);
    }

    /** @return the confusion matrix, rows indexed by the true class */
    @Override
    public double[] state() {
        return confusion.clone();
    }

    @Override
    public void merge(double[] other) {
        checkState(other, confusion.length);
        for (int i = 0; i < confusion.length; i++) {
            confusion[i] += other[i];
        }
    }

    @Override
    public Config getConfig() {
        return super.getConfig().put("num_classes", numClasses).put("ignore_class", ignoreClass).put("sparse_y_true", sparseYTrue)
                .put("sparse_y_pred", sparseYPred).put("axis", -1);
    }

    /**
     * Rebuilds the metric from its config; absent settings take Keras's defaults. Only
     * {@code axis = -1} is supported.
     *
     * @param config the saved settings
     * @return a new metric
     * @throws IllegalArgumentException for another axis
     */
    public static MeanIoU fromConfig(Config config) {
        MeanIoU iou = new MeanIoU(config.getString("name", "mean_iou"), config.getInt("num_classes"))
                .sparseYTrue(config.getBoolean("sparse_y_true", true)).sparseYPred(config.getBoolean("sparse_y_pred", true));
        if (config.get("ignore_class") != null) {
            iou.ignoreClass(config.getInt("ignore_class"));
        }
        int axis = config.getInt("axis", -1);
        if (axis != -1) {
            throw new IllegalArgumentException(iou.name() + ": only axis=-1 is supported. Received: axis=" + axis);
        }
        return iou;
    }
}
