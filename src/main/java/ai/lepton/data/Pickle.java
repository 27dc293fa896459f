package ai.lepton.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A restricted reader of Python pickles: enough to read the NumPy arrays, lists, dicts, numbers
 * and strings that {@code keras.datasets} files hold (CIFAR's batches, IMDB's ragged arrays),
 * and nothing else. Like Keras's own {@code RestrictedUnpickler}, it builds only NumPy arrays
 * and dtypes and refuses every other global, so a malicious file cannot run code.
 *
 * <p>Results are plain Java values: {@code Long}, {@code Double}, {@code String} (Python 2
 * {@code str} keys, read as Latin-1), {@code byte[]}, {@code List}, {@code Map}, {@code null},
 * {@code Boolean}, and {@link NdArray} for {@code numpy.ndarray}.
 */
final class Pickle {
    private static final Set<String> ALLOWED = Set.of("numpy.core.multiarray._reconstruct",
            "numpy._core.multiarray._reconstruct", "numpy.ndarray", "numpy.dtype", "_codecs.encode");
    private static final Object MARK = new Object();
    /** Python's None: {@code null} cannot sit in an {@link ArrayDeque} or {@code List.of}. */
    private static final Object NULL = new Object();

    private final ByteBuffer in;
    private final Path file;
    private final Deque<Object> stack = new ArrayDeque<>();
    private final Map<Integer, Object> memo = new HashMap<>();

    /**
     * A NumPy array: shape, dtype ({@code u1}, {@code i8}, {@code O8}, ...) and data: the raw bytes,
     * or the list of objects of an object array.
     *
     * @param shape the dimensions
     * @param dtype the dtype's name as NumPy pickles it
     * @param data {@code byte[]} for numeric arrays, {@code List} for object arrays
     */
    record NdArray(int[] shape, String dtype, Object data) {
    }

    private record Global(String name) {
    }

    private record DType(String name) {
    }

    private Pickle(byte[] bytes, Path file) {
        this.in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        this.file = file;
    }

    /**
     * Reads one pickled object.
     *
     * @param bytes the pickle stream
     * @param file the file it came from, for messages
     * @return the object
     * @throws DataFormatException if the stream is malformed, truncated or needs a forbidden global
     */
    static Object load(byte[] bytes, Path file) {
        try {
            return new Pickle(bytes, file).run();
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException | ClassCastException
                | java.util.NoSuchElementException e) {
            throw new DataFormatException(file, 0, 0, "malformed or truncated pickle data (" + e + ")", e);
        }
    }

    @SuppressWarnings("unchecked")
    private Object run() {
        while (true) {
            int op = in.get() & 0xff;
            switch (op) {
                case 0x80 -> in.get(); // PROTO
                case 0x95 -> in.getLong(); // FRAME
                case '.' -> {
                    return stack.pop();
                }
                case '(' -> stack.push(MARK);
                case '}' -> stack.push(new LinkedHashMap<>());
                case ']' -> stack.push(new ArrayList<>());
                case ')' -> stack.push(List.of());
                case 'N' -> stack.push(NULL);
                case 0x88 -> stack.push(Boolean.TRUE);
                case 0x89 -> stack.push(Boolean.FALSE);
                case 'K' -> stack.push((long) (in.get() & 0xff));
                case 'M' -> stack.push((long) (in.getShort() & 0xffff));
                case 'J' -> stack.push((long) in.getInt());
                case 0x8a -> stack.push(long1(in.get() & 0xff));
                case 'G' -> stack.push(ByteBuffer.wrap(bytes(8)).getDouble()); // BINFLOAT is big-endian
                case 'X' -> stack.push(text(in.getInt()));
                case 0x8c -> stack.push(text(in.get() & 0xff));
                case 'T' -> stack.push(bytes(in.getInt()));
                case 'U', 'C' -> stack.push(bytes(in.get() & 0xff));
                case 'B' -> stack.push(bytes(in.getInt()));
                case 'q' -> memo.put(in.get() & 0xff, stack.peek());
                case 'r' -> memo.put(in.getInt(), stack.peek());
                case 0x94 -> memo.put(memo.size(), stack.peek());
                case 'h' -> stack.push(memo.get(in.get() & 0xff));
                case 'j' -> stack.push(memo.get(in.getInt()));
                case 0x85 -> stack.push(List.of(stack.pop()));
                case 0x86 -> {
                    Object b = stack.pop();
                    stack.push(List.of(stack.pop(), b));
                }
                case 0x87 -> {
                    Object c = stack.pop();
                    Object b = stack.pop();
                    stack.push(List.of(stack.pop(), b, c));
                }
                case 't' -> stack.push(popMark());
                case 'a' -> {
                    Object v = stack.pop();
                    ((List<Object>) stack.peek()).add(v);
                }
                case 'e' -> {
                    List<Object> items = popMark();
                    ((List<Object>) stack.peek()).addAll(items);
                }
                case 's' -> {
                    Object v = stack.pop();
                    Object k = stack.pop();
                    ((Map<Object, Object>) stack.peek()).put(key(k), v);
                }
                case 'u' -> {
                    List<Object> items = popMark();
                    Map<Object, Object> map = (Map<Object, Object>) stack.peek();
                    for (int i = 0; i + 1 < items.size(); i += 2) {
                        map.put(key(items.get(i)), items.get(i + 1));
                    }
                }
                case 'c' -> stack.push(global(line() + "." + line()));
                case 0x93 -> {
                    String name = (String) stack.pop();
                    stack.push(global(stack.pop() + "." + name));
                }
                case 'R' -> {
                    List<Object> args = (List<Object>) stack.pop();
                    stack.push(reduce((Global) stack.pop(), args));
                }
                case 'b' -> {
                    Object state = stack.pop();
                    stack.push(build(stack.pop(), state));
                }
                default -> throw new DataFormatException(file, String.format(
                        "pickle opcode 0x%02X at byte %d is not one this reader supports", op, in.position() - 1));
            }
        }
    }

    private List<Object> popMark() {
        List<Object> items = new ArrayList<>();
        for (Object o = stack.pop(); o != MARK; o = stack.pop()) {
            items.add(0, o);
        }
        return items;
    }

    private static Object key(Object k) {
        return k instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1) : k;
    }

    private Global global(String name) {
        if (!ALLOWED.contains(name)) {
            throw new DataFormatException(file, "the pickle asks for " + name
                    + "; only NumPy arrays may be read from a dataset file");
        }
        return new Global(name);
    }

    private Object reduce(Global callable, List<Object> args) {
        if (callable.name().endsWith("_reconstruct")) {
            return new NdArray(new int[0], "", null);
        }
        if (callable.name().equals("numpy.dtype")) {
            return new DType(String.valueOf(key(args.get(0))));
        }
        // _codecs.encode(text, 'latin1'): how Python 3 pickles bytes at protocol 2.
        return ((String) args.get(0)).getBytes(StandardCharsets.ISO_8859_1);
    }

    @SuppressWarnings("unchecked")
    private Object build(Object target, Object state) {
        if (target instanceof DType) {
            return target;
        }
        if (!(target instanceof NdArray)) {
            throw new DataFormatException(file, "pickle BUILD on " + target + " is not supported");
        }
        List<Object> s = (List<Object>) state;
        int[] shape = ((List<Object>) s.get(1)).stream().mapToInt(o -> ((Long) o).intValue()).toArray();
        Object data = s.get(4);
        return new NdArray(shape, ((DType) s.get(2)).name(), data instanceof String t ? t.getBytes(StandardCharsets.ISO_8859_1) : data);
    }

    private long long1(int n) {
        byte[] b = new byte[n];
        in.get(b);
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = v << 8 | (b[i] & 0xff);
        }
        return n > 0 && n < 8 && b[n - 1] < 0 ? v - (1L << (8 * n)) : v;
    }

    private String text(int n) {
        return new String(bytes(n), StandardCharsets.UTF_8);
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    private String line() {
        StringBuilder s = new StringBuilder();
        for (byte b = in.get(); b != '\n'; b = in.get()) {
            s.append((char) b);
        }
        return s.toString();
    }

    /** @return the values of an integer list or a numeric array, as ints */
    static int[] ints(Object o, Path file, String what) {
        if (o instanceof List<?> list) {
            return list.stream().mapToInt(v -> Math.toIntExact((Long) v)).toArray();
        }
        if (o instanceof NdArray a && a.data() instanceof byte[] raw) {
            Npy.Array npy = new Npy.Array(a.shape(), "<" + a.dtype(), raw);
            return Arrays.stream(npy.doubles(file, what)).mapToInt(d -> (int) d).toArray();
        }
        throw new DataFormatException(file, what + " is not a list of integers");
    }
}
