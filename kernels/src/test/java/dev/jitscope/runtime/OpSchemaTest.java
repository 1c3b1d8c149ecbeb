package dev.jitscope.runtime;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class OpSchemaTest {
    @Test
    void parsesAliasAnnotationsReturnsAndDefaults() {
        OpSchema s = OpSchema.parse("aten::max_pool2d(Tensor self, int[2] kernel_size, int[2] stride=[], int[2] padding=0, bool ceil_mode=False) -> Tensor");
        assertEquals("aten::max_pool2d", s.name());
        assertEquals("", s.overload());
        assertEquals(List.of(), s.args().get(2).defaultValue());
        assertEquals(List.of(0L, 0L), s.args().get(3).defaultValue());
        assertEquals(Boolean.FALSE, s.args().get(4).defaultValue());
        assertFalse(s.args().get(1).hasDefault());
        OpSchema chunk = OpSchema.parse("aten::chunk(Tensor(a -> *) self, int chunks, int dim=0) -> Tensor(a)[]");
        assertEquals("Tensor", chunk.args().get(0).type());
        assertEquals(List.of("Tensor[]"), chunk.returns());
        OpSchema gelu = OpSchema.parse("aten::gelu(Tensor self, *, str approximate='none') -> Tensor");
        assertEquals("none", gelu.args().get(1).defaultValue());
        assertTrue(gelu.args().get(1).kwargOnly());
        OpSchema relu = OpSchema.parse("aten::relu_(Tensor(a!) self) -> Tensor(a!)");
        assertEquals("Tensor", relu.args().get(0).type());
        assertEquals(relu, OpSchema.parse(relu.text()));   // text() keeps the alias annotation and parses back
        assertEquals(1e-05, OpSchema.parse("aten::layer_norm(Tensor input, int[] normalized_shape, float eps=1e-05) -> Tensor").args().get(2).defaultValue());
    }

    @Test
    void listSlicingFollowsPython() {
        OperatorRegistry.Entry slice = OperatorRegistry.global().overloads("aten::slice").stream()
                .filter(e -> e.schema().overload().equals("t")).findFirst().orElseThrow();
        List<Object> l = new ArrayList<>(List.of(0L, 1L, 2L, 3L, 4L));
        assertEquals(List.of(1L, 3L), slice.kernel().run(new Object[]{l, 1L, null, 2L}));
        assertEquals(List.of(4L, 3L, 2L, 1L, 0L), slice.kernel().run(new Object[]{l, null, null, -1L}));
        assertEquals(List.of(2L, 3L), slice.kernel().run(new Object[]{l, -3L, -1L, 1L}));
    }
}
