package ai.lepton.models;

import ai.lepton.config.Config;
import ai.lepton.config.ConfigException;
import ai.lepton.layers.Layer;
import ai.lepton.layers.Layers;
import ai.lepton.tensor.ShapeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plain stack of layers, each feeding the next, as Keras's {@code keras.Sequential}: build it,
 * compile it with an optimizer, a loss and metrics, then fit, evaluate and predict (all of which it
 * inherits from {@link Model}).
 *
 * <p>The model knows its input shape once the first layer declares one
 * ({@link Layer#inputShape(int...)}), or else from the first data it is given; its weights are
 * made from that shape the first time they are needed, from the model's seed.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *         new Dense(64, "relu").inputShape(4),
 *         new Dense(3, "softmax"));
 * model.compile("adam", "categorical_crossentropy", "accuracy");
 * History history = model.fit(x, y, 50, 16);
 * Evaluation test = model.evaluate(xTest, yTest);
 * Tensor probabilities = model.predict(xNew);
 * System.out.println(model.summary());
 * }</pre>
 */
public class Sequential extends Model {
    /** The input ranks {@link #minimumVariableBytes} tries. */
    private static final int PROBED_RANKS = 4;

    private final List<Layer> stack = new ArrayList<>();
    private final Set<Layer> members = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<String> names = new HashSet<>();
    /** Per base name, the suffix from which to look for a free automatic name ({@code dense_7}). */
    private final Map<String, Integer> nextSuffix = new HashMap<>();
    private int[] inputShape;
    /** The input placeholder and the last layer's output, once the input shape is known. */
    private SymbolicTensor input;
    private SymbolicTensor output;
    /** Whether layers were added since the graph was last made. */
    private volatile boolean graphStale;

    /** An empty model; {@link #add} layers to it. */
    public Sequential() {
        super("sequential");
    }

    /**
     * A model of the given layers, in order.
     *
     * @param stack the layers; the first may declare an {@link Layer#inputShape(int...) input shape}
     */
    public Sequential(Layer... stack) {
        this();
        for (Layer layer : stack) {
            add(layer);
        }
    }

    /**
     * Appends a layer, naming it as Keras does when it has no name ({@code dense}, {@code dense_1},
     * ...). If the model's input shape is known, the layer's input is checked at once.
     *
     * @param layer the layer (a model may be added too, as a block of layers)
     * @return this model
     * @throws IllegalArgumentException if the layer is already in the model, its name is taken or
     *         it is (or contains) this model
     * @throws ShapeException naming the layer if it cannot take the previous layer's output
     */
    public Sequential add(Layer layer) {
        if (layer == null) {
            throw new IllegalArgumentException("Sequential.add: the layer must not be null");
        }
        if (layer == this || (layer instanceof Model m && m.contains(this))) {
            throw new IllegalArgumentException("Sequential.add: " + layer.describe() + " is or contains this model; "
                    + "a model cannot contain itself");
        }
        if (members.contains(layer)) {
            throw new IllegalArgumentException("Sequential.add: " + layer.describe() + " is already in the model");
        }
        if (layer.name() == null) {
            String base = layer.baseName();
            String candidate = base;
            for (int i = nextSuffix.getOrDefault(base, 1); names.contains(candidate); i++) {
                candidate = base + "_" + i;
                nextSuffix.put(base, i + 1);
            }
            layer.name(candidate);
        } else if (names.contains(layer.name())) {
            throw new IllegalArgumentException("Sequential.add: the model already has a layer named '" + layer.name()
                    + "'; layer names must be unique. Received: " + layer.describe());
        }
        if (stack.isEmpty() && layer.declaredInputShape() != null) {
            inputShape = layer.declaredInputShape();
        }
        SymbolicTensor previous = output;
        stack.add(layer);
        try {
            if (inputShape != null) {
                if (input == null) {
                    connect();
                } else {
                    output = layer.apply(output);
                    graphStale = true;
                }
                if (isBuilt()) {
                    layer.build(layer == stack.get(0) ? List.of(inputShape.clone()) : List.of(previousOutput()),
                            layerSeed(stack.size() - 1));
                }
            }
        } catch (RuntimeException e) {
            stack.remove(stack.size() - 1);
            output = previous;
            if (stack.isEmpty()) {
                inputShape = null;
                input = null;
                output = null;
                graph(null);
                graphStale = false;
            }
            throw e;
        }
        members.add(layer);
        names.add(layer.name());
        return this;
    }

    private int[] previousOutput() {
        return stack.get(stack.size() - 2).outputShapes().get(0);
    }

    /** Layer {@code i}'s initialization seed: the i-th draw from the model's seed, whenever the layer is added. */
    private long layerSeed(int i) {
        java.util.SplittableRandom seeds = new java.util.SplittableRandom(seed());
        long s = seeds.nextLong();
        for (int k = 0; k < i; k++) {
            s = seeds.nextLong();
        }
        return s;
    }

    /** Chains every layer from the input shape, checking each layer's input; the graph is made when first asked for. */
    private void connect() {
        input = Input.shape(inputShape);
        output = input;
        for (Layer l : stack) {
            output = l.apply(output);
        }
        graphStale = true;
    }

    /**
     * The graph of the stack, made once after layers were added rather than on every {@link #add},
     * so that a stack of n layers is built in time linear in n.
     */
    @Override
    Graph graph() {
        if (graphStale) {
            synchronized (this) {
                if (graphStale) {
                    graph(new Graph(List.of(input), List.of(output), name()));
                    graphStale = false;
                }
            }
        }
        return super.graph();
    }

    @Override
    void initialize(List<int[]> inputShapes) {
        if (stack.isEmpty()) {
            throw new IllegalStateException("Sequential '" + name() + "' has no layers; add some first");
        }
        if (inputShapes.size() != 1) {
            throw new IllegalArgumentException(describe() + " has 1 input, received " + inputShapes.size());
        }
        inputShape = inputShapes.get(0).clone();
        connect();
    }

    /**
     * The fewest bytes this stack's variables can take when its input shape is not known: the
     * smallest input its layers accept (every dimension 1, of the first rank from 1 to
     * {@value #PROBED_RANKS} they accept) gives a lower bound, so that a file declaring
     * {@code Dense(100000000)} is refused when it is loaded, not when it first sees data. Nothing
     * is built.
     *
     * @return the bound in bytes, or 0 if no probed input fits or a layer is itself a model
     */
    long minimumVariableBytes() {
        for (int rank = 1; rank <= PROBED_RANKS; rank++) {
            List<int[]> shape = List.of(ones(rank));
            long bytes = 0;
            try {
                for (Layer l : stack) {
                    if (l instanceof Model) {
                        return 0;
                    }
                    long layerBytes = SavedModel.bytesOf(l.variableSpecs(shape).values());
                    bytes = bytes > Long.MAX_VALUE - layerBytes ? Long.MAX_VALUE : bytes + layerBytes;
                    shape = l.computeOutputShapes(shape);
                }
                return bytes;
            } catch (RuntimeException e) {
                // This rank does not fit the layers; try the next.
            }
        }
        return 0;
    }

    private static int[] ones(int rank) {
        int[] shape = new int[rank];
        java.util.Arrays.fill(shape, 1);
        return shape;
    }

    @Override
    public List<int[]> computeOutputShapes(List<int[]> inputShapes) {
        if (graph() == null) {
            initialize(inputShapes);
        }
        return super.computeOutputShapes(inputShapes);
    }

    @Override
    public synchronized void build(List<int[]> inputShapes, long outerSeed) {
        if (graph() == null) {
            initialize(inputShapes);
        }
        super.build(inputShapes, outerSeed);
    }

    @Override
    public Sequential seed(long value) {
        super.seed(value);
        return this;
    }

    @Override
    public Sequential name(String modelName) {
        super.name(modelName);
        return this;
    }

    @Override
    public Sequential trainable(boolean on) {
        super.trainable(on);
        return this;
    }

    /** @return the layers, in order (the list cannot be changed; use {@link #add}) */
    @Override
    public List<Layer> layers() {
        return Collections.unmodifiableList(stack);
    }

    /**
     * The stack's settings, as Keras's Sequential {@code get_config()}: its name, seed, each layer's
     * class and config, and the input shape when known ({@code build_input_shape}).
     *
     * @return a new config
     */
    @Override
    public Config getConfig() {
        Config config = Config.of(describe()).put("name", name()).put("trainable", trainable()).put("seed", seed());
        List<Config> layerConfigs = new ArrayList<>();
        for (Layer l : stack) {
            layerConfigs.add(Config.of(l.name()).put("class_name", Layers.nameOf(l)).put("config", l.getConfig()));
        }
        config.put("layers", layerConfigs);
        if (inputShape != null) {
            List<Object> batchShape = new ArrayList<>();
            batchShape.add(null);
            for (int d : inputShape) {
                batchShape.add(d);
            }
            config.put("build_input_shape", batchShape);
        }
        return config;
    }

    /**
     * Rebuilds a Sequential model from {@link #getConfig()}.
     *
     * @param config the saved settings
     * @return a new, unbuilt model
     * @throws ConfigException if a layer cannot be rebuilt or the layers do not fit together
     */
    public static Sequential fromConfig(Config config) {
        Sequential model = new Sequential();
        if (config.has("seed")) {
            model.seed(config.getLong("seed"));
        }
        try {
            for (Config entry : config.getConfigs("layers")) {
                model.add(Layers.fromConfig(entry.getString("class_name"), entry.getConfig("config")));
            }
            Object batchShape = config.get("build_input_shape");
            if (batchShape instanceof List<?> list && !list.isEmpty() && model.inputShape == null) {
                int[] shape = Config.of(config.owner()).put("shape", list.subList(1, list.size())).getInts("shape");
                model.initialize(List.of(shape));
            }
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ConfigException(config.owner() + ": the layers do not fit together: " + e.getMessage());
        }
        return model;
    }

    /**
     * Loads a Sequential model saved by {@link #save}.
     *
     * @param path the file
     * @return the model
     * @throws ai.lepton.io.ModelFormatException if the file is not a valid model file or holds
     *         a model that is not a Sequential
     * @throws java.io.UncheckedIOException if the file cannot be read at all
     */
    public static Sequential load(Path path) {
        Model model = Model.load(path);
        if (!(model instanceof Sequential s)) {
            throw new ai.lepton.io.ModelFormatException(path + " holds a functional model, not a Sequential; load it with "
                    + "Model.load");
        }
        return s;
    }

    @Override
    public String toString() {
        return "Sequential(name=" + name() + ", layers=" + stack.stream().map(Layer::name).toList()
                + (inputShape == null ? "" : ", inputShape=" + ai.lepton.tensor.Shapes.formatBatched(inputShape))
                + (isCompiled() ? ", compiled" : "") + ")";
    }
}
