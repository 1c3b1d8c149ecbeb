package dev.jitscope.ir.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.type.DictType;
import dev.jitscope.ir.type.IntType;
import dev.jitscope.ir.type.ListType;
import dev.jitscope.ir.type.NumberType;
import dev.jitscope.ir.type.OptionalType;
import dev.jitscope.ir.type.StringType;
import dev.jitscope.ir.type.TensorType;
import dev.jitscope.ir.type.TupleType;
import dev.jitscope.ir.type.TypeVarType;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaParserTest {

    @Test
    void parsesKwargOnlyScalarDefault() {
        FunctionSchema s = SchemaParser.parse("aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor");
        assertEquals("aten::add", s.name());
        assertEquals("Tensor", s.overloadName());
        assertEquals(3, s.arguments().size());
        Argument alpha = s.arguments().get(2);
        assertEquals(NumberType.INSTANCE, alpha.type());
        assertTrue(alpha.kwargOnly());
        assertFalse(s.arguments().get(1).kwargOnly());
        assertEquals(1L, alpha.defaultValue());
        assertEquals(TensorType.INSTANCE, s.returns().get(0).type());
        assertEquals("aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor", s.toString());
    }

    @Test
    void parsesNamedReturnsAndBoolDefault() {
        FunctionSchema s = SchemaParser.parse("aten::max.dim(Tensor self, int dim, bool keepdim=False) -> (Tensor values, Tensor indices)");
        assertEquals(List.of("values", "indices"), s.returns().stream().map(Argument::name).toList());
        assertEquals(false, s.arguments().get(2).defaultValue());
        assertTrue(s.arguments().get(2).hasDefault());
        assertEquals("aten::max.dim(Tensor self, int dim, bool keepdim=False) -> (Tensor values, Tensor indices)", s.toString());
    }

    @Test
    void parsesAliasAnnotations() {
        FunctionSchema s = SchemaParser.parse("aten::add_.Tensor(Tensor(a!) self, Tensor other, *, Scalar alpha=1) -> Tensor(a!)");
        assertTrue(s.isMutable());
        assertEquals(AliasInfo.of("a", true), s.arguments().get(0).alias());
        assertEquals("(c -> *)", SchemaParser.parse("aten::append.t(t[](a!) self, t(c -> *) el) -> t[](a!)").arguments().get(1).alias().toString());
        assertFalse(SchemaParser.parse("aten::view(Tensor(a) self, SymInt[] size) -> Tensor(a)").isMutable());
    }

    @Test
    void broadcastsScalarDefaultOfFixedSizeList() {
        FunctionSchema s = SchemaParser.parse("aten::conv2d(Tensor input, Tensor weight, Tensor? bias=None, int[2] stride=1, int[2] padding=0, int[2] dilation=1, int groups=1) -> Tensor");
        Argument stride = s.arguments().get(3);
        assertEquals(ListType.of(IntType.INSTANCE), stride.type());
        assertEquals(2, stride.listSize());
        assertEquals(List.of(1L, 1L), stride.defaultValue());
        assertEquals(OptionalType.of(TensorType.INSTANCE), s.arguments().get(2).type());
        assertNull(s.arguments().get(2).defaultValue());
        assertTrue(s.arguments().get(2).hasDefault());
    }

    @Test
    void mapsEnumLikeTypesToTorchScriptTypes() {
        FunctionSchema s = SchemaParser.parse("aten::zeros.names(int[] size, *, Dimname[]? names, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, MemoryFormat memory_format=contiguous_format, SymInt n=-1, str reduction=\"mean\", float eps=1e-05, int[] dims=[0,1], int[] e=[], int kind=long, int r=Mean) -> Tensor");
        assertEquals(OptionalType.of(ListType.of(StringType.INSTANCE)), s.arguments().get(1).type());
        assertEquals(OptionalType.of(IntType.INSTANCE), s.arguments().get(2).type());
        assertEquals("ScalarType? dtype=None", s.arguments().get(2).toString());
        assertEquals(0L, s.arguments().get(6).defaultValue());
        assertEquals(-1L, s.arguments().get(7).defaultValue());
        assertEquals("mean", s.arguments().get(8).defaultValue());
        assertEquals(1e-5, s.arguments().get(9).defaultValue());
        assertEquals(List.of(0L, 1L), s.arguments().get(10).defaultValue());
        assertEquals(List.of(), s.arguments().get(11).defaultValue());
        assertEquals(4L, s.arguments().get(12).defaultValue());
        assertEquals(1L, s.arguments().get(13).defaultValue());
    }

    @Test
    void parsesTypeVariablesContainersAndVarargs() {
        FunctionSchema items = SchemaParser.parse("aten::items.str(Dict(str, t) self) -> ((str, t)[])");
        assertEquals(DictType.of(StringType.INSTANCE, TypeVarType.of("t")), items.arguments().get(0).type());
        assertEquals(ListType.of(TupleType.of(StringType.INSTANCE, TypeVarType.of("t"))), items.returns().get(0).type());
        assertEquals("aten::items.str(Dict(str, t) self) -> ((str, t)[])", items.toString());
        FunctionSchema format = SchemaParser.parse("aten::format(str self, ...) -> str");
        assertTrue(format.isVararg());
        assertEquals("aten::format(str self, ...) -> str", format.toString());
        FunctionSchema unpack = SchemaParser.parse("prim::TupleUnpack(Any tup) -> ...");
        assertTrue(unpack.isVarret());
        assertEquals("aten::eq.t(t[] a, t[] b) -> bool", SchemaParser.parse("aten::eq.t(t[] a, t[] b) -> bool").toString());
        assertEquals("(Tensor, Tensor)", SchemaParser.parseType("(Tensor, Tensor)").str());
    }

    @Test
    void reportsErrorsWithColumn() {
        JitScopeException e = assertThrows(JitScopeException.class, () -> SchemaParser.parse("aten::f(Tensor self, int) -> Tensor"));
        assertTrue(e.getMessage().contains("argument name"), e.getMessage());
        assertEquals(25, e.range().column());
        assertThrows(JitScopeException.class, () -> SchemaParser.parse("aten::f(int x=bogus) -> int"));
        assertThrows(JitScopeException.class, () -> SchemaParser.parse("aten::f(Tensor x -> Tensor"));
    }
}
