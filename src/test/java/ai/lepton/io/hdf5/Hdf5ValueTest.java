package ai.lepton.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class Hdf5ValueTest {
    @Test
    void float32RoundsLikeACastAndCopiesInAndOut() {
        double[] values = {0.1, 1e-50, 3.0};
        int[] shape = {3};
        Hdf5Value v = Hdf5Value.float32(shape, values);
        values[2] = 7;
        shape[0] = 9;
        assertArrayEquals(new double[] {(float) 0.1, 0.0, 3.0}, v.doubles());
        assertArrayEquals(new int[] {3}, v.shape());
        v.doubles()[0] = 5;
        v.shape()[0] = 5;
        assertEquals((float) 0.1, v.doubles()[0]);
        assertEquals(3, v.size());
    }

    @Test
    void aScalarHasNoDimensionsAndOneValue() {
        Hdf5Value v = Hdf5Value.float64(new int[0], new double[] {Math.PI});
        assertEquals(0, v.shape().length);
        assertEquals(1, v.size());
    }

    @Test
    void integerTypesTakeOnlyWholeNumbersInRange() {
        assertArrayEquals(new double[] {-128, 127}, Hdf5Value.numbers(Hdf5Type.INT8, new int[] {2},
                new double[] {-128, 127}).doubles());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Hdf5Value.numbers(Hdf5Type.UINT8, new int[] {1}, new double[] {256}));
        assertTrue(e.getMessage().contains("UINT8") && e.getMessage().contains("256"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Hdf5Value.numbers(Hdf5Type.INT32, new int[] {1}, new double[] {0.5}));
        assertThrows(IllegalArgumentException.class,
                () -> Hdf5Value.numbers(Hdf5Type.INT64, new int[] {1}, new double[] {0x1p54}));
    }

    @Test
    void valuesMustFillTheShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Hdf5Value.float32(new int[] {2, 2}, new double[3]));
        assertTrue(e.getMessage().contains("[2, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Hdf5Value.float32(new int[] {-1}, new double[0]));
        assertThrows(IllegalArgumentException.class,
                () -> Hdf5Value.numbers(Hdf5Type.FIXED_STRING, new int[] {1}, new double[1]));
    }

    @Test
    void stringsAreVariableOrFixedLength() {
        Hdf5Value name = Hdf5Value.string("dense");
        assertEquals(Hdf5Type.VARIABLE_STRING, name.type());
        assertEquals("dense", name.string());
        Hdf5Value names = Hdf5Value.fixedStrings(List.of("dense", "重み"));
        assertEquals(Hdf5Type.FIXED_STRING, names.type());
        assertEquals(6, names.stringBytes(), "the widest name in UTF-8 bytes");
        assertEquals(List.of("dense", "重み"), names.strings());
        IllegalStateException e = assertThrows(IllegalStateException.class, names::string);
        assertTrue(e.getMessage().contains("2 strings"), e.getMessage());
        assertThrows(IllegalStateException.class, name::doubles);
        assertThrows(IllegalStateException.class, () -> Hdf5Value.float32(new int[0], new double[1]).strings());
    }

    @Test
    void anUnsupportedTypeSaysWhatItIs() {
        Hdf5Value v = Hdf5Value.ofOther(new int[] {2}, "compound (12 bytes)");
        IllegalStateException e = assertThrows(IllegalStateException.class, v::doubles);
        assertTrue(e.getMessage().contains("compound (12 bytes)"), e.getMessage());
    }

    @Test
    void equalityIsBitwiseForNumbers() {
        assertEquals(Hdf5Value.float64(new int[] {1}, new double[] {Double.NaN}),
                Hdf5Value.float64(new int[] {1}, new double[] {Double.NaN}));
        assertNotEquals(Hdf5Value.float64(new int[] {1}, new double[] {0.0}),
                Hdf5Value.float64(new int[] {1}, new double[] {-0.0}));
        assertNotEquals(Hdf5Value.float64(new int[] {1}, new double[] {1}),
                Hdf5Value.float32(new int[] {1}, new double[] {1}));
        assertEquals(Hdf5Value.string("a").hashCode(), Hdf5Value.string("a").hashCode());
    }

    @Test
    void halfPrecisionDecodesExactly() {
        assertEquals(1.0, Datatype.half((short) 0x3c00));
        assertEquals(-2.0, Datatype.half((short) 0xc000));
        assertEquals(65504.0, Datatype.half((short) 0x7bff));
        assertEquals(0x1p-24, Datatype.half((short) 0x0001));
        assertEquals(Double.NEGATIVE_INFINITY, Datatype.half((short) 0xfc00));
        assertTrue(Double.isNaN(Datatype.half((short) 0x7e00)));
    }
}
