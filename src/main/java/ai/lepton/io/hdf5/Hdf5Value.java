package ai.lepton.io.hdf5;

import ai.lepton.tensor.Shapes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The typed, shaped contents of an HDF5 dataset or attribute: numbers as {@code double}s (every
 * float32 and float64 exactly) or strings, row-major. A shape of length 0 is a scalar (one value).
 * Immutable: arrays are copied in and out.
 *
 * <pre>{@code
 * Hdf5Value kernel = Hdf5Value.float32(new int[] {2, 3}, new double[] {1, 2, 3, 4, 5, 6});
 * Hdf5Value name = Hdf5Value.string("dense");
 * Hdf5Value layerNames = Hdf5Value.fixedStrings(List.of("dense", "dense_1"));
 * }</pre>
 */
public final class Hdf5Value {
    private final Hdf5Type type;
    private final int[] shape;
    private final double[] numbers;
    private final String[] strings;
    private final int stringBytes;
    private final String otherType;

    private Hdf5Value(Hdf5Type type, int[] shape, double[] numbers, String[] strings, int stringBytes, String otherType) {
        this.type = type;
        this.shape = shape;
        this.numbers = numbers;
        this.strings = strings;
        this.stringBytes = stringBytes;
        this.otherType = otherType;
    }

    /**
     * Numbers of a numeric type; a value that the type cannot hold exactly is rounded as a cast
     * would (float32 rounds to nearest, integers must be whole and in range).
     *
     * @param type a numeric type other than {@link Hdf5Type#FLOAT16}
     * @param shape the dimensions (copied); {@code {}} for a scalar
     * @param values the values, row-major (copied)
     * @return the value
     * @throws IllegalArgumentException if the type is not numeric, the values do not fill the
     *         shape, or an integer type receives a value that is not a whole number in its range
     */
    public static Hdf5Value numbers(Hdf5Type type, int[] shape, double[] values) {
        if (!type.isNumeric() || type == Hdf5Type.FLOAT16) {
            throw new IllegalArgumentException("Hdf5Value.numbers needs a numeric type other than FLOAT16. Received: "
                    + type);
        }
        int[] s = checkShape(shape, values.length);
        double[] v = values.clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = representable(type, v[i]);
        }
        return new Hdf5Value(type, s, v, null, 0, null);
    }

    /**
     * @param shape the dimensions (copied)
     * @param values the values, row-major (copied and rounded to float32)
     * @return a float32 value, the type Keras stores weights in
     */
    public static Hdf5Value float32(int[] shape, double[] values) {
        return numbers(Hdf5Type.FLOAT32, shape, values);
    }

    /**
     * @param shape the dimensions (copied)
     * @param values the values, row-major (copied)
     * @return a float64 value
     */
    public static Hdf5Value float64(int[] shape, double[] values) {
        return numbers(Hdf5Type.FLOAT64, shape, values);
    }

    /**
     * @param value the string
     * @return a scalar variable-length UTF-8 string, as h5py writes a Python {@code str}
     */
    public static Hdf5Value string(String value) {
        return new Hdf5Value(Hdf5Type.VARIABLE_STRING, new int[0], null, new String[] {value}, 0, null);
    }

    /**
     * @param values the strings (copied)
     * @return a one-dimensional array of variable-length UTF-8 strings
     */
    public static Hdf5Value strings(List<String> values) {
        return new Hdf5Value(Hdf5Type.VARIABLE_STRING, new int[] {values.size()}, null, values.toArray(new String[0]), 0, null);
    }

    /**
     * @param values the strings (copied)
     * @return a one-dimensional array of fixed-length, null-padded strings as wide as the longest
     *         one's UTF-8 bytes: what h5py writes for a NumPy {@code bytes} array such as Keras 2's
     *         {@code layer_names}
     */
    public static Hdf5Value fixedStrings(List<String> values) {
        String[] copy = values.toArray(new String[0]);
        int width = 1;
        for (String s : copy) {
            width = Math.max(width, s.getBytes(StandardCharsets.UTF_8).length);
        }
        return new Hdf5Value(Hdf5Type.FIXED_STRING, new int[] {copy.length}, null, copy, width, null);
    }

    /** A value read from a file, already checked; the arrays are not copied. */
    static Hdf5Value ofNumbers(Hdf5Type type, int[] shape, double[] values) {
        return new Hdf5Value(type, shape, values, null, 0, null);
    }

    /** A string value read from a file, already checked; the arrays are not copied. */
    static Hdf5Value ofStrings(Hdf5Type type, int[] shape, String[] values, int stringBytes) {
        return new Hdf5Value(type, shape, null, values, stringBytes, null);
    }

    /** A value of a type this package does not decode, described for error messages. */
    static Hdf5Value ofOther(int[] shape, String description) {
        return new Hdf5Value(Hdf5Type.OTHER, shape, null, null, 0, description);
    }

    /** @return the element type */
    public Hdf5Type type() {
        return type;
    }

    /** @return a copy of the dimensions; empty for a scalar */
    public int[] shape() {
        return shape.clone();
    }

    /** @return the number of elements: the product of the dimensions, 1 for a scalar */
    public int size() {
        return Shapes.size(shape);
    }

    /**
     * @return a copy of the numbers, row-major
     * @throws IllegalStateException if the value holds strings or an unsupported type
     */
    public double[] doubles() {
        if (numbers == null) {
            throw new IllegalStateException("the HDF5 value holds " + describeType() + ", not numbers");
        }
        return numbers.clone();
    }

    /**
     * @return the strings, row-major
     * @throws IllegalStateException if the value holds numbers or an unsupported type
     */
    public List<String> strings() {
        if (strings == null) {
            throw new IllegalStateException("the HDF5 value holds " + describeType() + ", not strings");
        }
        return List.of(strings);
    }

    /**
     * @return the only string of a scalar or one-element string value
     * @throws IllegalStateException if the value holds numbers, or not exactly one string
     */
    public String string() {
        List<String> all = strings();
        if (all.size() != 1) {
            throw new IllegalStateException("the HDF5 value holds " + all.size() + " strings of shape "
                    + Shapes.format(shape) + ", not one");
        }
        return all.get(0);
    }

    /** @return the element type in words, e.g. {@code FLOAT32} or {@code compound (12 bytes)} */
    public String describeType() {
        return type == Hdf5Type.OTHER ? otherType : type.toString();
    }

    /** The bytes of one fixed-length string element, 0 for other types. */
    int stringBytes() {
        return stringBytes;
    }

    /** The numbers without a copy, for the writer; null for strings. */
    double[] numbersView() {
        return numbers;
    }

    /** The strings without a copy, for the writer; null for numbers. */
    String[] stringsView() {
        return strings;
    }

    /** Values are equal when type, shape and every element are: numbers bit for bit, strings by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Hdf5Value v && type == v.type && Arrays.equals(shape, v.shape) && Arrays.equals(numbers, v.numbers)
                && Arrays.equals(strings, v.strings) && stringBytes == v.stringBytes && Objects.equals(otherType, v.otherType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, Arrays.hashCode(shape), Arrays.hashCode(numbers), Arrays.hashCode(strings));
    }

    @Override
    public String toString() {
        String values = numbers != null ? Arrays.toString(Arrays.copyOf(numbers, Math.min(numbers.length, 8)))
                : strings != null ? Arrays.toString(Arrays.copyOf(strings, Math.min(strings.length, 8))) : "?";
        return describeType() + Shapes.format(shape) + " " + values + (size() > 8 ? "..." : "");
    }

    private static int[] checkShape(int[] shape, int count) {
        int[] s = shape.clone();
        long size = 1;
        for (int d : s) {
            if (d < 0) {
                throw new IllegalArgumentException("an HDF5 value's dimensions must not be negative. Received: "
                        + Arrays.toString(s));
            }
            size *= d;
        }
        if (size != count) {
            throw new IllegalArgumentException(count + " values do not fill the shape " + Arrays.toString(s));
        }
        return s;
    }

    private static double representable(Hdf5Type type, double v) {
        switch (type) {
            case FLOAT32:
                return (float) v;
            case FLOAT64:
                return v;
            default:
                if (v != Math.rint(v) || v < type.min() || v > type.max()) {
                    throw new IllegalArgumentException("an HDF5 " + type + " cannot hold " + v);
                }
                return v;
        }
    }
}
