/**
 * Lepton: deep learning in pure Java with Keras's API. The module exports the packages users
 * program against; the kernels ({@code ai.lepton.kernels}, {@code ai.lepton.kernels.vector}), the
 * zero-copy access to a tensor's arrays ({@code ai.lepton.tensor.internal}) and the file-format
 * internals ({@code ai.lepton.io.hdf5}, {@code ai.lepton.io.keras}) stay inside, so code outside
 * the module cannot reach a tensor's live array.
 *
 * <p>The Vector API ({@code jdk.incubator.vector}) is optional: Lepton uses it when the JVM runs
 * with {@code --add-modules jdk.incubator.vector}, and plain Java otherwise. XChart is optional too:
 * only {@code ai.lepton.viz}'s charts need it.
 *
 * <pre>{@code
 * module my.app {
 *     requires ai.lepton;
 * }
 * }</pre>
 */
module ai.lepton {
    requires transitive com.google.gson;
    requires org.slf4j;
    requires java.desktop;
    requires jdk.httpserver;
    requires static jdk.incubator.vector;
    requires static org.knowm.xchart;

    exports ai.lepton;
    exports ai.lepton.autograd;
    exports ai.lepton.callbacks;
    exports ai.lepton.config;
    exports ai.lepton.data;
    exports ai.lepton.io;
    exports ai.lepton.layers;
    exports ai.lepton.losses;
    exports ai.lepton.metrics;
    exports ai.lepton.models;
    exports ai.lepton.optimizers;
    exports ai.lepton.optimizers.schedules;
    exports ai.lepton.tensor;
    exports ai.lepton.viz;
}
