package dev.jitscope.runtime;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** str methods, list comparisons and math functions behave as in Python. */
class PythonBuiltinsTest {
    private static Object call(String qualified, Object... args) {
        int dot = qualified.indexOf('.', qualified.indexOf("::"));
        String name = dot < 0 ? qualified : qualified.substring(0, dot), overload = dot < 0 ? "" : qualified.substring(dot + 1);
        OperatorRegistry.Entry e = OperatorRegistry.global().overloads(name).stream()
                .filter(x -> x.schema().overload().equals(overload)).findFirst().orElseThrow();
        Object[] a = new Object[e.schema().args().size()];
        for (int i = 0; i < a.length; i++) a[i] = i < args.length ? args[i] : e.schema().args().get(i).defaultValue();
        return e.kernel().run(a);
    }

    @Test
    void stringMethods() {
        assertEquals(true, call("aten::startswith", "layers.0.weight", "layers"));
        assertEquals(false, call("aten::startswith", "layers.0.weight", "layers", 1L));
        assertEquals(true, call("aten::endswith", "x.bias", "bias"));
        assertEquals(7L, call("aten::find", "layers.0.weight", "0", 2L));
        assertEquals(-1L, call("aten::find", "abc", "z"));
        assertEquals("ab", call("aten::strip", "  ab\n"));
        assertEquals(List.of("a", "b", "c"), call("aten::split.str", " a  b c "));
        assertEquals(List.of("a", "b.c"), call("aten::split.str", "a.b.c", ".", 1L));
        assertEquals("x-y-z", call("aten::join", "-", new ArrayList<>(List.of("x", "y", "z"))));
        assertEquals("a_b.c", call("aten::replace", "a.b.c", ".", "_", 1L));
    }

    @Test
    void listsAndMath() {
        assertEquals(true, call("aten::ne.int_list", List.of(1L, 2L), List.of(1L, 3L)));
        assertEquals(true, call("aten::eq.int_list", List.of(1L, 2L), List.of(1L, 2L)));
        assertEquals(6L, call("aten::sum.int", List.of(1L, 2L, 3L)));
        assertEquals(false, call("aten::all.int", List.of(1L, 0L)));
        assertEquals(true, call("aten::any.bool", List.of(false, true)));
        assertEquals(2.0, call("aten::sqrt.int", 4L));
        assertEquals(-3L, call("aten::floor.float", -2.5));
        assertEquals(2.0, call("aten::round.float", 2.5));   // half to even
        assertEquals(3L, call("aten::ceil.float", 2.1));
    }
}
