package dev.jitscope.ir.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.type.DictType;
import dev.jitscope.ir.type.IntType;
import dev.jitscope.ir.type.JitType;
import dev.jitscope.ir.type.ListType;
import dev.jitscope.ir.type.OptionalType;
import dev.jitscope.ir.type.StringType;
import dev.jitscope.ir.type.TensorType;
import dev.jitscope.ir.type.TupleType;
import dev.jitscope.tensor.DType;
import org.junit.jupiter.api.Test;

class TypeParserTest {

    @Test
    void graphFormTypesPrintBackUnchanged() {
        for (String t : new String[] {"int[]", "Tensor?", "(int, Tensor)", "Dict(str, Tensor)", "Tensor[][]", "int[]?",
                "(Tensor, (int, float)[])", "Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu)",
                "Long(requires_grad=0, device=cpu)", "Float(requires_grad=1, device=cpu)",
                "Float(3, strides=[1], requires_grad=1, device=cpu)", "NoneType", "Device", "Scalar", "Any"}) {
            assertEquals(t, TypeParser.parse(t).str());
        }
        assertEquals(DictType.of(StringType.INSTANCE, TensorType.INSTANCE), TypeParser.parse("Dict(str, Tensor)"));
        TensorType f = (TensorType) TypeParser.parse("Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu)");
        assertEquals(DType.FLOAT32, f.dtype());
        assertEquals(3, f.sizes()[1]);
        assertEquals(true, ((TensorType) TypeParser.parse("Float(4, strides=[1], requires_grad=1, device=cpu)")).requiresGrad());
        assertEquals("Long(requires_grad=0, device=cpu)", TensorType.of(DType.INT64, new int[0], new int[0]).str());
    }

    @Test
    void codeFormTypes() {
        assertEquals(ListType.of(IntType.INSTANCE), TypeParser.parseAnnotation("List[int]"));
        assertEquals(OptionalType.of(TensorType.INSTANCE), TypeParser.parseAnnotation("Optional[Tensor]"));
        assertEquals(TupleType.of(IntType.INSTANCE, IntType.INSTANCE), TypeParser.parseAnnotation("Tuple[int, int]"));
        assertEquals(DictType.of(StringType.INSTANCE, TensorType.INSTANCE), TypeParser.parseAnnotation("Dict[str, Tensor]"));
        assertEquals(TupleType.of(), TypeParser.parseAnnotation("Tuple[()]"));
        assertEquals("Optional[List[Tuple[Tensor, int]]]", TypeParser.parseAnnotation("Optional[List[Tuple[Tensor, int]]]").annotation());
    }

    @Test
    void classTypesComeFromTheResolver() {
        ClassType cell = new ClassType("__torch__.MyCell", true);
        TypeParser p = new TypeParser(n -> n.equals(cell.qualifiedName()) ? cell : null);
        assertSame(cell, p.parseGraphType("__torch__.MyCell"));
        JitType twice = new TypeParser().parseGraphType("(__torch__.a.B, __torch__.a.B)");
        TupleType tt = (TupleType) twice;
        assertSame(tt.elements().get(0), tt.elements().get(1));
    }

    @Test
    void rejectsUnknownTypes() {
        JitScopeException e = assertThrows(JitScopeException.class, () -> TypeParser.parse("List[int]"));
        assertThrows(JitScopeException.class, () -> TypeParser.parseAnnotation("Lisst[int]"));
        assertThrows(JitScopeException.class, () -> TypeParser.parse("int[] x"));
        assertEquals(1, e.range().column());
    }
}
