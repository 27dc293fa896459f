package ai.lepton.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.io.ModelFormatException;
import java.util.List;
import org.junit.jupiter.api.Test;

class Hdf5GroupTest {
    private static Hdf5Group sample() {
        Hdf5Group.Builder root = Hdf5Group.builder();
        root.group("layers/dense_1/vars").dataset("0", Hdf5Value.float32(new int[] {1}, new double[] {1}));
        root.group("layers/dense/vars").attribute("name", Hdf5Value.string("dense"))
                .dataset("1", Hdf5Value.float32(new int[] {1}, new double[] {2}))
                .dataset("0", Hdf5Value.float32(new int[] {1}, new double[] {3}));
        return root.build();
    }

    @Test
    void pathsNamesAndLookups() {
        Hdf5Group root = sample();
        assertEquals("/", root.path());
        assertEquals("", root.name());
        Hdf5Dataset d = root.dataset("layers/dense/vars/1");
        assertEquals("/layers/dense/vars/1", d.path());
        assertEquals("1", d.name());
        assertEquals("dense", root.group("layers/dense").group("vars").attribute("name").orElseThrow().string());
        assertTrue(root.find("layers/dense/vars/0").isPresent());
        assertFalse(root.find("layers/dense/vars/0/deeper").isPresent());
        assertFalse(root.find("layers/conv2d").isPresent());
    }

    @Test
    void childrenAreInNameOrderAsH5pyListsThem() {
        Hdf5Group root = sample();
        assertEquals(List.of("dense", "dense_1"), List.copyOf(root.group("layers").children().keySet()));
        assertEquals(List.of("0", "1"), List.copyOf(root.group("layers/dense/vars").children().keySet()));
    }

    @Test
    void aMissingObjectNamesTheDeepestGroupThatExists() {
        Hdf5Group root = sample();
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> root.dataset("layers/dense/vars/2"));
        assertTrue(e.getMessage().contains("/layers/dense/vars/2") && e.getMessage().contains("/layers/dense/vars holds [0, 1]"),
                e.getMessage());
        e = assertThrows(ModelFormatException.class, () -> root.group("layers/dense/vars/0"));
        assertTrue(e.getMessage().contains("no group at /layers/dense/vars/0"), e.getMessage());
    }

    @Test
    void theBuilderRejectsInvalidAndDuplicateNames() {
        Hdf5Group.Builder b = Hdf5Group.builder();
        b.dataset("w", Hdf5Value.string("x"));
        assertThrows(IllegalArgumentException.class, () -> b.dataset("w", Hdf5Value.string("y")));
        assertThrows(IllegalArgumentException.class, () -> b.group("w"));
        assertThrows(IllegalArgumentException.class, () -> b.group("a//b"));
        assertThrows(IllegalArgumentException.class, () -> b.dataset(".", Hdf5Value.string("y")));
        b.attribute("a", Hdf5Value.string("1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.attribute("a", Hdf5Value.string("2")));
        assertTrue(e.getMessage().contains("'a'"), e.getMessage());
    }

    @Test
    void childrenAndAttributesCannotBeChangedFromOutside() {
        Hdf5Group root = sample();
        assertThrows(UnsupportedOperationException.class, () -> root.children().clear());
        assertThrows(UnsupportedOperationException.class, () -> root.group("layers/dense/vars").attributes().clear());
    }
}
