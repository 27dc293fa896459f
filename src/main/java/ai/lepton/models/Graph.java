package ai.lepton.models;

import ai.lepton.layers.InputLayer;
import ai.lepton.layers.Layer;
import ai.lepton.tensor.internal.Storage;
import ai.lepton.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model's graph of layer calls, ordered once when the model is made: every node after the nodes
 * that produce its inputs. It checks the graph (every output reachable from the inputs, every
 * input used, no cycle, unique layer names), names unnamed layers as Keras does, and runs the
 * nodes in order on data, passing masks on through the layers that support masking.
 */
final class Graph {
    private final List<SymbolicTensor> inputs;
    private final List<SymbolicTensor> outputs;
    /** The nodes to run, in order; input nodes excluded. */
    private final List<Node> nodes = new ArrayList<>();
    /** Every layer once, in Keras's order (by depth from the outputs, deepest first). */
    private final List<Layer> layers = new ArrayList<>();
    /** Each placeholder's slot in the array of values a run fills. */
    private final Map<SymbolicTensor, Integer> slots = new IdentityHashMap<>();
    /** Each node's position among its layer's calls in this graph, Keras's node index. */
    private final Map<Node, Integer> nodeIndex = new IdentityHashMap<>();
    /** Every node, input nodes included, each after the nodes it depends on. */
    private final List<Node> postOrder = new ArrayList<>();
    /** Each layer's position in the order the depth-first walk first met it. */
    private final Map<Layer, Integer> firstSeen = new IdentityHashMap<>();
    private int[][] nodeInputSlots;
    private int[][] nodeOutputSlots;
    private int[] outputSlots;

    /**
     * @param inputs the model's input placeholders, each made by {@link Input#shape}
     * @param outputs the model's output placeholders
     * @param modelName the model's name, for messages
     * @throws IllegalArgumentException if the graph is disconnected, has a cycle or repeats a layer name
     */
    Graph(List<SymbolicTensor> inputs, List<SymbolicTensor> outputs, String modelName) {
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw new IllegalArgumentException("Model '" + modelName + "': needs at least one input and one output. Received: "
                    + inputs.size() + " inputs, " + outputs.size() + " outputs");
        }
        Set<SymbolicTensor> inputSet = Collections.newSetFromMap(new IdentityHashMap<>());
        for (SymbolicTensor t : inputs) {
            if (!(t.node().layer() instanceof InputLayer)) {
                throw new IllegalArgumentException("Model '" + modelName + "': input " + t + " is not a model input; make inputs "
                        + "with Input.shape(...)");
            }
            if (!inputSet.add(t)) {
                throw new IllegalArgumentException("Model '" + modelName + "': input " + t + " is given twice");
            }
        }
        order(inputSet, modelName);
        Set<SymbolicTensor> used = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node n : nodes) {
            used.addAll(n.inputs());
        }
        used.addAll(outputs);
        for (SymbolicTensor t : inputs) {
            if (!used.contains(t)) {
                throw new IllegalArgumentException("Model '" + modelName + "': input '" + t.node().layer().name()
                        + "' is not used by any output; remove it or connect it");
            }
        }
        collectLayers();
        nameLayers(modelName);
        assignSlots();
    }

    /** Depth-first from the outputs, iteratively (graphs can be deep), with cycle detection. */
    private void order(Set<SymbolicTensor> inputSet, String modelName) {
        Map<Node, Boolean> state = new IdentityHashMap<>(); // false: on the current path, true: done
        for (SymbolicTensor out : outputs) {
            ArrayDeque<Node> stack = new ArrayDeque<>();
            ArrayDeque<Integer> next = new ArrayDeque<>();
            stack.push(out.node());
            next.push(0);
            while (!stack.isEmpty()) {
                Node node = stack.peek();
                int child = next.pop();
                if (child == 0) {
                    Boolean s = state.get(node);
                    if (s != null) {
                        stack.pop();
                        if (!s) {
                            throw new IllegalArgumentException("Model '" + modelName + "': the graph has a cycle through "
                                    + node.layer().describe());
                        }
                        continue;
                    }
                    state.put(node, false);
                    firstSeen.putIfAbsent(node.layer(), firstSeen.size());
                    if (node.layer() instanceof InputLayer && !inputSet.contains(node.outputs().get(0))) {
                        throw new IllegalArgumentException("Model '" + modelName + "': an output depends on the input '"
                                + inputName(node) + "' " + node.outputs().get(0) + ", which is not among the model's inputs "
                                + inputs.stream().map(t -> inputName(t.node())).toList());
                    }
                }
                if (child < node.inputs().size()) {
                    next.push(child + 1);
                    stack.push(node.inputs().get(child).node());
                    next.push(0);
                } else {
                    stack.pop();
                    state.put(node, true);
                    postOrder.add(node);
                    if (!(node.layer() instanceof InputLayer)) {
                        nodes.add(node);
                    }
                }
            }
        }
    }

    private static String inputName(Node node) {
        return node.layer().name() == null ? "(unnamed)" : node.layer().name();
    }

    /**
     * Orders the layers as Keras's {@code model.layers} does (which fixes {@code getWeights()}'s
     * order): by depth from the outputs, deepest first, layers at one depth in the order a
     * depth-first walk from the outputs first meets them. A shared layer's calls are numbered in
     * the order they were made.
     */
    private void collectLayers() {
        Map<Node, Integer> nodeDepth = new IdentityHashMap<>();
        Map<Layer, Integer> layerDepth = new IdentityHashMap<>();
        for (int i = postOrder.size() - 1; i >= 0; i--) {
            Node node = postOrder.get(i);
            int depth = Math.max(nodeDepth.getOrDefault(node, 0), layerDepth.getOrDefault(node.layer(), 0));
            layerDepth.put(node.layer(), depth);
            nodeDepth.put(node, depth);
            for (SymbolicTensor in : node.inputs()) {
                nodeDepth.merge(in.node(), depth + 1, Math::max);
            }
        }
        List<Layer> ordered = new ArrayList<>(layerDepth.keySet());
        ordered.sort((a, b) -> layerDepth.get(a).equals(layerDepth.get(b))
                ? Integer.compare(firstSeen.get(a), firstSeen.get(b))
                : Integer.compare(layerDepth.get(b), layerDepth.get(a)));
        layers.addAll(ordered);
        Map<Layer, List<Node>> calls = new IdentityHashMap<>();
        for (Node n : postOrder) {
            calls.computeIfAbsent(n.layer(), k -> new ArrayList<>()).add(n);
        }
        for (List<Node> mine : calls.values()) {
            mine.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
            for (int i = 0; i < mine.size(); i++) {
                nodeIndex.put(mine.get(i), i);
            }
        }
    }

    /** Keras's names for unnamed layers: the snake-case class name, numbered from _1 when taken. */
    private void nameLayers(String modelName) {
        Set<String> taken = new HashSet<>();
        for (Layer l : layers) {
            if (l.name() != null && !taken.add(l.name())) {
                throw new IllegalArgumentException("Model '" + modelName + "': two layers are named '" + l.name()
                        + "'; layer names must be unique within a model");
            }
        }
        for (Layer l : layers) {
            if (l.name() == null) {
                String candidate = l.baseName();
                for (int i = 1; taken.contains(candidate); i++) {
                    candidate = l.baseName() + "_" + i;
                }
                l.name(candidate);
                taken.add(candidate);
            }
        }
    }

    private void assignSlots() {
        for (SymbolicTensor t : inputs) {
            slots.put(t, slots.size());
        }
        nodeInputSlots = new int[nodes.size()][];
        nodeOutputSlots = new int[nodes.size()][];
        for (int n = 0; n < nodes.size(); n++) {
            Node node = nodes.get(n);
            nodeInputSlots[n] = node.inputs().stream().mapToInt(slots::get).toArray();
            for (SymbolicTensor t : node.outputs()) {
                slots.put(t, slots.size());
            }
            nodeOutputSlots[n] = node.outputs().stream().mapToInt(slots::get).toArray();
        }
        outputSlots = outputs.stream().mapToInt(slots::get).toArray();
    }

    /**
     * Runs every node on data, checking each layer's inputs first.
     *
     * @param xs one batch per model input
     * @param training whether this is a training step
     * @return one batch per model output
     */
    List<Tensor> run(List<Tensor> xs, boolean training) {
        Tensor[] values = new Tensor[slots.size()];
        for (int i = 0; i < xs.size(); i++) {
            values[i] = xs.get(i);
        }
        for (int n = 0; n < nodes.size(); n++) {
            Layer layer = nodes.get(n).layer();
            int[] in = nodeInputSlots[n];
            List<Tensor> args = new ArrayList<>(in.length);
            for (int s : in) {
                args.add(values[s]);
            }
            layer.checkInputs(args);
            List<Tensor> results = layer.call(args, training);
            Tensor mask = layer.computeMask(args);
            if (mask != null) {
                for (Tensor r : results) {
                    if (Storage.mask(r) == null) {
                        Storage.attachMask(r, mask);
                    }
                }
            }
            int[] out = nodeOutputSlots[n];
            for (int k = 0; k < out.length; k++) {
                values[out[k]] = results.get(k);
            }
        }
        List<Tensor> results = new ArrayList<>(outputSlots.length);
        for (int s : outputSlots) {
            results.add(values[s]);
        }
        return results;
    }

    /** @return the model's input placeholders */
    List<SymbolicTensor> inputs() {
        return inputs;
    }

    /** @return the model's output placeholders */
    List<SymbolicTensor> outputs() {
        return outputs;
    }

    /** @return every layer once, in Keras's {@code model.layers} order */
    List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    /** @return the layer calls in the order they run (input layers' excluded) */
    List<Node> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    /**
     * @param node a node of this graph
     * @return its index among its layer's calls, as Keras's {@code layer[node][tensor]} notation counts
     */
    int nodeIndex(Node node) {
        return nodeIndex.get(node);
    }

    /**
     * The per-output names Keras uses for logs ({@code dense_1_loss}): each output's layer name,
     * made unique when one layer produces several outputs.
     *
     * @return one name per output
     */
    List<String> outputNames() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (SymbolicTensor t : outputs) {
            counts.merge(t.node().layer().name(), 1, Integer::sum);
        }
        List<String> names = new ArrayList<>();
        for (SymbolicTensor t : outputs) {
            String base = t.node().layer().name();
            names.add(counts.get(base) > 1 ? base + "_" + t.index() : base);
        }
        return names;
    }
}
