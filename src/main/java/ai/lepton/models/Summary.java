package ai.lepton.models;

import ai.lepton.layers.InputLayer;
import ai.lepton.layers.Layer;
import ai.lepton.tensor.Shapes;
import ai.lepton.tensor.Tensor;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders Keras 3's {@code model.summary()} table. A Sequential model, or a functional model that
 * is a plain chain, gets Keras's 88-character layout: columns of 38, 29 and 17 characters (layer,
 * output shape, parameters). Any other functional model gets Keras's 108-character layout with a
 * fourth column, "Connected to", listing each layer's inputs as {@code layer[node][tensor]}:
 * columns of 31, 27, 18 and 27 characters. Both have a heavy header, a light line between rows,
 * then the parameter totals, trainable and not, with their memory size (8 bytes per parameter, as
 * Lepton stores doubles). A "Connected to" cell wraps after its commas; another cell longer than its
 * column widens its row rather than wrapping.
 */
final class Summary {
    private static final int[] SEQUENTIAL_WIDTHS = {38, 29, 17};
    private static final int[] GRAPH_WIDTHS = {31, 27, 18, 27};
    private static final int BYTES_PER_PARAM = Double.BYTES;

    private final int[] widths;

    private Summary(int[] widths) {
        this.widths = widths;
    }

    /**
     * @param model a built model
     * @return the table, lines ending in {@code \n}
     */
    static String of(Model model) {
        Graph graph = model.graph();
        boolean plainStack = model instanceof Sequential || isChain(graph);
        Summary table = new Summary(plainStack ? SEQUENTIAL_WIDTHS : GRAPH_WIDTHS);
        List<String[]> rows = new ArrayList<>();
        List<Layer> layers = model instanceof Sequential ? model.layers() : graph.layers();
        Map<Layer, List<Node>> calls = new IdentityHashMap<>();
        for (Node n : graph.nodes()) {
            calls.computeIfAbsent(n.layer(), k -> new ArrayList<>()).add(n);
        }
        for (Layer layer : layers) {
            String name = layer.name() + " (" + layer.getClass().getSimpleName() + ")";
            String shape = outputShape(layer, calls.get(layer));
            String params = String.format(Locale.ROOT, "%,d", layer.countParams());
            rows.add(plainStack ? new String[] {name, shape, params}
                    : new String[] {name, shape, params, connections(graph, calls.get(layer))});
        }
        StringBuilder text = new StringBuilder();
        text.append("Model: \"").append(model.name()).append("\"\n");
        text.append(table.rule('┏', '━', '┳', '┓'));
        text.append(table.row('┃', plainStack ? new String[] {"Layer (type)", "Output Shape", "Param #"}
                : new String[] {"Layer (type)", "Output Shape", "Param #", "Connected to"}));
        text.append(table.rule('┡', '━', '╇', '┩'));
        for (int i = 0; i < rows.size(); i++) {
            text.append(table.row('│', rows.get(i)));
            text.append(i < rows.size() - 1 ? table.rule('├', '─', '┼', '┤') : table.rule('└', '─', '┴', '┘'));
        }
        long trainable = 0;
        for (Tensor w : model.trainableWeights()) {
            trainable += w.size();
        }
        long total = model.countParams();
        text.append(totals(" Total params: ", total));
        text.append(totals(" Trainable params: ", trainable));
        text.append(totals(" Non-trainable params: ", total - trainable));
        return text.toString();
    }

    /** Whether a functional model is a plain chain, which Keras summarizes like a Sequential one. */
    private static boolean isChain(Graph graph) {
        if (graph.inputs().size() != 1 || graph.outputs().size() != 1) {
            return false;
        }
        SymbolicTensor previous = graph.inputs().get(0);
        List<Layer> seen = new ArrayList<>();
        for (Node n : graph.nodes()) {
            if (n.inputs().size() != 1 || n.inputs().get(0) != previous || n.outputs().size() != 1
                    || seen.stream().anyMatch(l -> l == n.layer())) {
                return false;
            }
            seen.add(n.layer());
            previous = n.outputs().get(0);
        }
        return true;
    }

    /** The output shape of the layer's last call, as Keras shows it; {@code (None, ...)} per output. */
    private static String outputShape(Layer layer, List<Node> calls) {
        List<int[]> shapes;
        if (layer instanceof InputLayer input) {
            shapes = List.of(input.shape());
        } else if (calls != null) {
            shapes = calls.get(calls.size() - 1).outputs().stream().map(SymbolicTensor::shape).toList();
        } else {
            shapes = layer.outputShapes();
        }
        if (shapes.size() == 1) {
            return Shapes.formatBatched(shapes.get(0));
        }
        return shapes.stream().map(Shapes::formatBatched).toList().toString();
    }

    /** Keras's "Connected to": every input of every call of the layer, {@code dense[0][0], ...}. */
    private static String connections(Graph graph, List<Node> calls) {
        if (calls == null) {
            return "-";
        }
        List<String> parts = new ArrayList<>();
        for (Node n : calls) {
            for (SymbolicTensor t : n.inputs()) {
                Node from = t.node();
                int nodeIndex = from.layer() instanceof InputLayer ? 0 : graph.nodeIndex(from);
                parts.add(from.layer().name() + "[" + nodeIndex + "][" + t.index() + "]");
            }
        }
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    private String rule(char left, char fill, char join, char right) {
        StringBuilder line = new StringBuilder().append(left);
        for (int c = 0; c < widths.length; c++) {
            line.append(String.valueOf(fill).repeat(widths[c])).append(c < widths.length - 1 ? join : right);
        }
        return line.append('\n').toString();
    }

    /**
     * One row; the third column (parameters) is right-aligned as in Keras, the others left-aligned.
     * A "Connected to" cell wraps after its commas, as Keras's table does; another cell longer than
     * its column widens its line.
     */
    private String row(char bar, String[] cells) {
        List<List<String>> lines = new ArrayList<>();
        int height = 1;
        for (int c = 0; c < cells.length; c++) {
            List<String> cellLines = c == 3 ? wrap(cells[c], widths[c] - 2) : List.of(cells[c]);
            lines.add(cellLines);
            height = Math.max(height, cellLines.size());
        }
        StringBuilder text = new StringBuilder();
        for (int h = 0; h < height; h++) {
            text.append(bar);
            for (int c = 0; c < cells.length; c++) {
                int width = widths[c] - 2;
                String cell = h < lines.get(c).size() ? lines.get(c).get(h) : "";
                String pad = " ".repeat(Math.max(0, width - cell.length()));
                text.append(' ').append(c == 2 ? pad + cell : cell + pad).append(' ').append(bar);
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** Items separated by ", " on lines of at most {@code width} characters, each line but the last ending in ",". */
    private static List<String> wrap(String cell, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        String[] items = cell.split(", ");
        for (int i = 0; i < items.length; i++) {
            String item = items[i] + (i < items.length - 1 ? "," : "");
            if (line.length() > 0 && line.length() + 1 + item.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(item);
        }
        lines.add(line.toString());
        return lines;
    }

    private static String totals(String label, long count) {
        return label + String.format(Locale.ROOT, "%,d", count) + " (" + readableSize((double) count * BYTES_PER_PARAM) + ")\n";
    }

    /** Keras's {@code readable_memory_size}: B, KB, MB, ... in steps of 1024, two decimals. */
    static String readableSize(double bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB", "PB"};
        double size = bytes;
        for (String unit : units) {
            if (size / 1024 < 1) {
                return twoDecimals(size) + " " + unit;
            }
            size /= 1024;
        }
        return twoDecimals(size) + " " + units[units.length - 1];
    }

    private static String twoDecimals(double v) {
        return new BigDecimal(v).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
