package ai.lepton.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code new Conv2D(32, 3).inputShape(28, 28, 1).padding("same")} compiles for every layer. */
class FluentTypesTest {
    @Test
    void inputShapeAndNameReturnTheLayersOwnType() throws NoSuchMethodException {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (String name : Layers.names()) {
            Class<?> type;
            try {
                type = Class.forName("ai.lepton.layers." + name);
            } catch (ClassNotFoundException e) {
                continue; // a model class (Sequential, Functional) or a user's registration
            }
            if (Modifier.isAbstract(type.getModifiers())) {
                continue;
            }
            checked++;
            if (returnType(type, type.getMethod("inputShape", int[].class)) != type) {
                wrong.add(name + ".inputShape");
            }
            if (returnType(type, type.getMethod("name", String.class)) != type) {
                wrong.add(name + ".name");
            }
        }
        assertTrue(checked > 50, "checked only " + checked + " layer classes");
        assertEquals(List.of(), wrong);
        Conv2D conv = new Conv2D(32, 3).inputShape(28, 28, 1).name("first").padding("same");
        assertEquals("first", conv.name());
    }

    /**
     * What {@code method} returns when called on {@code type}: its declared return type, or, for a
     * base class's self type ({@code KernelLayer<T extends KernelLayer<T>>}), the type argument
     * the chain of superclasses binds to it.
     */
    private static Type returnType(Class<?> type, Method method) {
        return resolve(type, method.getGenericReturnType());
    }

    /** A type variable bound by the superclass chain of {@code type}, followed through every level. */
    private static Type resolve(Class<?> type, Type t) {
        if (!(t instanceof TypeVariable<?> variable)) {
            return t;
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getGenericSuperclass() instanceof ParameterizedType parent && parent.getRawType() == variable.getGenericDeclaration()) {
                TypeVariable<?>[] declared = ((Class<?>) parent.getRawType()).getTypeParameters();
                for (int i = 0; i < declared.length; i++) {
                    if (declared[i].equals(variable)) {
                        return resolve(type, parent.getActualTypeArguments()[i]);
                    }
                }
            }
        }
        return t;
    }
}
