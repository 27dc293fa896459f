package ai.lepton.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryTest {
    interface Shape {
        double area();
    }

    record Circle(double radius) implements Shape {
        public double area() {
            return Math.PI * radius * radius;
        }
    }

    record Square(double side) implements Shape {
        public double area() {
            return side * side;
        }
    }

    @Test
    void createsRegisteredClassesFromTheirConfig() {
        Registry<Shape> shapes = new Registry<>("shape");
        shapes.register("Circle", Circle.class, c -> new Circle(c.getDouble("radius")));
        Shape s = shapes.create("Circle", Config.of("Circle").put("radius", 2.0));
        assertEquals(new Circle(2.0), s);
        assertEquals("Circle", shapes.nameOf(s));
        assertTrue(shapes.contains("Circle"));
        assertEquals(List.of("Circle"), shapes.names());
    }

    @Test
    void unknownNamesAndClassesAreClearErrors() {
        Registry<Shape> shapes = new Registry<>("shape");
        shapes.register("Circle", Circle.class, c -> new Circle(c.getDouble("radius")));
        ConfigException e = assertThrows(ConfigException.class, () -> shapes.create("java.lang.Runtime", Config.of("x")));
        assertTrue(e.getMessage().contains("unknown shape 'java.lang.Runtime'") && e.getMessage().contains("[Circle]"),
                e.getMessage());
        assertFalse(shapes.isRegistered(new Square(1)));
        assertThrows(IllegalArgumentException.class, () -> shapes.nameOf(new Square(1)));
    }

    @Test
    void aClassHasOneName() {
        Registry<Shape> shapes = new Registry<>("shape");
        shapes.register("Circle", Circle.class, c -> new Circle(1));
        assertThrows(IllegalArgumentException.class, () -> shapes.register("Round", Circle.class, c -> new Circle(1)));
    }
}
