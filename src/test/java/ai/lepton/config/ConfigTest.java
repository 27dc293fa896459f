package ai.lepton.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigTest {
    @Test
    void typedGettersReadWhatWasPut() {
        Config c = Config.of("Dense").put("units", 64).put("rate", 0.5).put("name", "d").put("bias", true)
                .put("shape", new int[] {2, 3}).put("values", new double[] {1.5}).put("names", List.of("a", "b"))
                .put("inner", Config.of("inner").put("seed", 7L));
        assertEquals(64, c.getInt("units"));
        assertEquals(0.5, c.getDouble("rate"));
        assertEquals(64.0, c.getDouble("units"));
        assertEquals("d", c.getString("name"));
        assertTrue(c.getBoolean("bias"));
        assertArrayEquals(new int[] {2, 3}, c.getInts("shape"));
        assertArrayEquals(new double[] {1.5}, c.getDoubles("values"));
        assertEquals(List.of("a", "b"), c.getStrings("names"));
        assertEquals(7L, c.getConfig("inner").getLong("seed"));
    }

    @Test
    void jsonStyleNumbersAreAccepted() {
        Config c = Config.of("x").put("units", 64.0).put("shape", List.of(2L, 3.0)).put("k", 3);
        assertEquals(64, c.getInt("units"));
        assertArrayEquals(new int[] {2, 3}, c.getInts("shape"));
        assertArrayEquals(new int[] {3}, c.getInts("k"), "a single number is a list of one");
    }

    @Test
    void wrongTypesNameTheOwnerTheSettingAndTheValue() {
        Config c = Config.of("Dense").put("units", "ten").put("rate", 0.5).put("big", 1L << 40);
        ConfigException e = assertThrows(ConfigException.class, () -> c.getInt("units"));
        assertEquals("Dense: setting 'units' must be an integer. Received: \"ten\"", e.getMessage());
        assertThrows(ConfigException.class, () -> c.getInt("rate"));
        assertThrows(ConfigException.class, () -> c.getInt("big"));
        assertEquals("Dense: setting 'missing' is missing",
                assertThrows(ConfigException.class, () -> c.getString("missing")).getMessage());
        assertThrows(ConfigException.class, () -> c.put("object", new Object()));
    }

    @Test
    void fallbacksApplyToAbsentAndNullSettings() {
        Config c = Config.of("x").put("seed", null);
        assertEquals(5, c.getInt("seed", 5));
        assertEquals(5, c.getInt("other", 5));
        assertEquals("linear", c.getString("activation", "linear"));
    }

    @Test
    void unreadSettingsAreReported() {
        Config c = Config.of("x").put("units", 1).put("typo", 2).put("handled", 3);
        c.getInt("units");
        c.markRead("handled");
        assertEquals(List.of("typo"), c.unread());
    }

    @Test
    void arraysAreCopiedInAndOut() {
        int[] shape = {1, 2};
        Config c = Config.of("x").put("shape", shape);
        shape[0] = 9;
        c.getInts("shape")[1] = 9;
        assertArrayEquals(new int[] {1, 2}, c.getInts("shape"));
    }

    @Test
    void equalityComparesValuesAsJsonWould() {
        Config a = Config.of("a").put("units", 1).put("shape", new int[] {2}).put("inner", Config.of("i").put("r", 0.5));
        Config b = Config.of("b").put("units", 1.0).put("shape", List.of(2L)).put("inner", Config.of("i").put("r", 0.5));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(a, a.copy());
        assertNotEquals(a, b.copy().put("units", 2));
        assertFalse(a.copy().unread().isEmpty(), "a copy starts with nothing read");
    }
}
