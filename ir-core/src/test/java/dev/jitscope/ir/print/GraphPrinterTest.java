package dev.jitscope.ir.print;

import dev.jitscope.ir.Block;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Source;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.type.BoolType;
import dev.jitscope.ir.type.IntType;
import dev.jitscope.ir.type.ListType;
import dev.jitscope.ir.type.NoneType;
import dev.jitscope.ir.type.TensorType;
import dev.jitscope.ir.type.TupleType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GraphPrinterTest {

    @Test
    void printsNestedBlocksConstantsAndSourceCommentsInPyTorchsForm() {
        Source src = new Source("m.py", "def f(x, n: int):\n    for i in range(n):\n        x = x * i\n    return x\n");
        Graph g = new Graph();
        Value x = g.addInput("x", TensorType.INSTANCE);
        Value n = g.addInput("n", IntType.INSTANCE);
        Node t = g.block().append(g.create(Node.CONSTANT));
        t.setAttr("value", true);
        Value yes = t.addOutput(BoolType.INSTANCE);
        Node loop = g.block().append(g.create(Node.LOOP, List.of(n, yes, x), 0));
        loop.setRange(src.range(22, 41));
        Value xOut = loop.addOutput(TensorType.INSTANCE).setDebugName("x");
        Block body = loop.addBlock();
        Value i = body.addInput("i", IntType.INSTANCE);
        Value xIn = body.addInput("x", TensorType.INSTANCE);
        Node mul = body.append(g.create("aten::mul", List.of(xIn, i), 0));
        mul.setRange(src.range(53, 58));
        Value prod = mul.addOutput(TensorType.INSTANCE).setDebugName("x");
        body.addOutput(yes);
        body.addOutput(prod);
        Node none = g.block().append(g.create(Node.CONSTANT));
        Value nothing = none.addOutput(NoneType.INSTANCE);
        Node tuple = g.block().append(g.create(Node.TUPLE_CONSTRUCT, List.of(xOut, nothing), 0));
        Value result = tuple.addOutput(TupleType.of(TensorType.INSTANCE, NoneType.INSTANCE));
        g.registerOutput(result);

        int c = t.output().id(), r = result.id(), none0 = nothing.id();
        assertEquals("""
                graph(%x.1 : Tensor,
                      %n : int):
                  %C : bool = prim::Constant[value=1]()
                  %x : Tensor = prim::Loop(%n, %C, %x.1) # m.py:2:4
                    block0(%i : int, %x.2 : Tensor):
                      %x.3 : Tensor = aten::mul(%x.2, %i) # m.py:3:12
                      -> (%C, %x.3)
                  %N : NoneType = prim::Constant()
                  %R : (Tensor, NoneType) = prim::TupleConstruct(%x, %N)
                  return (%R)
                """.replace("%C", "%" + c).replace("%R", "%" + r).replace("%N", "%" + none0), GraphPrinter.print(g));
    }

    @Test
    void attributesPrintAsPyTorchWritesThem() {
        Graph g = new Graph();
        Node get = g.block().append(g.create(Node.GET_ATTR, List.of(g.addInput("self", TensorType.INSTANCE)), 0));
        get.setAttr("name", "weight");
        get.addOutput(TensorType.INSTANCE).setDebugName("weight");
        Node list = g.block().append(g.create(Node.CONSTANT));
        list.setAttr("value", List.of(1L, 2L));
        list.addOutput(ListType.of(IntType.INSTANCE)).setDebugName("sizes");
        String text = GraphPrinter.printWithoutRanges(g);
        assertEquals(true, text.contains("%weight : Tensor = prim::GetAttr[name=\"weight\"](%self)"), text);
        assertEquals(true, text.contains("%sizes : int[] = prim::Constant[value=[1, 2]]()"), text);
    }

    @Test
    void floatsPrintLikePyTorchsSeventeenDigitForm() {
        assertEquals("1.", ConstantFormat.formatDouble(1.0));
        assertEquals("1.5", ConstantFormat.formatDouble(1.5));
        assertEquals("0.10000000000000001", ConstantFormat.formatDouble(0.1));
        assertEquals("1.0000000000000001e-05", ConstantFormat.formatDouble(1e-5));
        assertEquals("-2.", ConstantFormat.formatDouble(-2.0));
        assertEquals("0.", ConstantFormat.formatDouble(0.0));
        assertEquals("inf", ConstantFormat.formatDouble(Double.POSITIVE_INFINITY));
    }
}
