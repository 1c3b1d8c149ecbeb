package dev.jitscope.ir.print;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jitscope.ir.Block;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Source;
import dev.jitscope.ir.Value;
import dev.jitscope.ir.type.BoolType;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.type.FloatType;
import dev.jitscope.ir.type.IntType;
import dev.jitscope.ir.type.ListType;
import dev.jitscope.ir.type.NoneType;
import dev.jitscope.ir.type.OptionalType;
import dev.jitscope.ir.type.StringType;
import dev.jitscope.ir.type.TensorType;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphPrinterTest {

    private static Value constant(Graph g, Object value, dev.jitscope.ir.type.JitType type) {
        Node c = g.create(Node.CONSTANT);
        c.setAttr("value", value);
        g.block().append(c);
        return c.addOutput(type);
    }

    @Test
    void printsModuleMethodLikePyTorch() {
        Source src = new Source("cell.py", "class MyCell:\n    def forward(self, x, h):\n        return self.linear(x)\n");
        Graph g = new Graph();
        ClassType cell = new ClassType("__torch__.MyCell", true);
        ClassType linear = new ClassType("__torch__.torch.nn.modules.linear.Linear", true);
        Value self = g.addInput("self", cell);
        Value x = g.addInput("x.1", TensorType.INSTANCE);
        g.addInput("h.1", OptionalType.of(TensorType.INSTANCE));
        Value one = constant(g, 1L, IntType.INSTANCE);
        Node get = g.create(Node.GET_ATTR).setAttr("name", "linear");
        get.addInput(self);
        g.block().append(get);
        Value lin = get.addOutput(linear).setDebugName("linear");
        Node call = g.create(Node.CALL_METHOD).setAttr("name", "forward");
        call.addInput(lin).addInput(x);
        int at = src.text().indexOf("self.linear(x)");
        call.setRange(src.range(at, at + 14));
        g.block().append(call);
        Value r = call.addOutput(TensorType.INSTANCE);
        Node add = g.create("aten::add", List.of(r, r, one), 1);
        g.block().append(add);
        g.registerOutput(add.output());

        String expected = """
                graph(%self : __torch__.MyCell,
                      %x.1 : Tensor,
                      %h.1 : Tensor?):
                  %3 : int = prim::Constant[value=1]()
                  %linear : __torch__.torch.nn.modules.linear.Linear = prim::GetAttr[name="linear"](%self)
                  %5 : Tensor = prim::CallMethod[name="forward"](%linear, %x.1) # cell.py:3:15
                  %6 : Tensor = aten::add(%5, %5, %3)
                  return (%6)
                """;
        assertEquals(expected, GraphPrinter.print(g));
        assertEquals(expected.replace(" # cell.py:3:15", ""), GraphPrinter.print(g, false));
    }

    @Test
    void printsConstantsAsPyTorchDoes() {
        Graph g = new Graph();
        Value[] vs = {
            constant(g, null, NoneType.INSTANCE),
            constant(g, true, BoolType.INSTANCE),
            constant(g, 1.0, FloatType.INSTANCE),
            constant(g, 0.5, FloatType.INSTANCE),
            constant(g, 1e-5, FloatType.INSTANCE),
            constant(g, 1e20, FloatType.INSTANCE),
            constant(g, -2.5, FloatType.INSTANCE),
            constant(g, "abc\"q\n", StringType.INSTANCE),
            constant(g, List.of(1L, 2L), ListType.of(IntType.INSTANCE)),
        };
        Node t = g.create(Node.TUPLE_CONSTRUCT, List.of(vs), 0);
        g.block().append(t);
        String expected = """
                graph():
                  %0 : NoneType = prim::Constant()
                  %1 : bool = prim::Constant[value=1]()
                  %2 : float = prim::Constant[value=1.]()
                  %3 : float = prim::Constant[value=0.5]()
                  %4 : float = prim::Constant[value=1.0000000000000001e-05]()
                  %5 : float = prim::Constant[value=1e+20]()
                  %6 : float = prim::Constant[value=-2.5]()
                  %7 : str = prim::Constant[value="abc\\"q\\n"]()
                  %8 : int[] = prim::Constant[value=[1, 2]]()
                   = prim::TupleConstruct(%0, %1, %2, %3, %4, %5, %6, %7, %8)
                  return ()
                """;
        assertEquals(expected, GraphPrinter.print(g));
    }

    @Test
    void printsLoopAndIfBlocksWithUniqueNames() {
        Graph g = new Graph();
        Value n = g.addInput("n", IntType.INSTANCE);
        Value x = g.addInput("x", TensorType.INSTANCE);
        Value t = constant(g, true, BoolType.INSTANCE);
        Node loop = g.create(Node.LOOP);
        loop.addInput(n).addInput(t).addInput(x);
        g.block().append(loop);
        Value xo = loop.addOutput(TensorType.INSTANCE).setDebugName("x");
        Block body = loop.addBlock();
        Value i = body.addInput(IntType.INSTANCE);
        Value xc = body.addInput("x", TensorType.INSTANCE);
        Node gt = g.create("aten::gt", List.of(i, n), 1);
        body.append(gt);
        gt.output().setType(BoolType.INSTANCE);
        Node iff = g.create(Node.IF, List.of(gt.output()), 1);
        body.append(iff);
        Block then = iff.addBlock();
        then.addOutput(xc);
        Block other = iff.addBlock();
        Node raise = g.create(Node.RAISE, List.of(), 0);
        other.append(raise);
        other.addOutput(x);
        body.addOutput(t);
        body.addOutput(iff.output());
        g.registerOutput(xo);

        String expected = """
                graph(%n : int,
                      %x : Tensor):
                  %2 : bool = prim::Constant[value=1]()
                  %x.1 : Tensor = prim::Loop(%n, %2, %x)
                    block0(%4 : int, %x.2 : Tensor):
                      %6 : bool = aten::gt(%4, %n)
                      %7 : Tensor = prim::If(%6)
                        block0():
                          -> (%x.2)
                        block1():
                           = prim::RaiseException()
                          -> (%x)
                      -> (%2, %7)
                  return (%x.1)
                """;
        assertEquals(expected, GraphPrinter.print(g));
    }

    @Test
    void formatsDoublesLikeCPrintf() {
        assertEquals("3.14159265358979", ConstantFormat.formatDouble(3.14159265358979));
        assertEquals("0.10000000000000001", ConstantFormat.formatDouble(0.1));
        assertEquals("0.", ConstantFormat.formatDouble(-0.0));
        assertEquals("inf", ConstantFormat.formatDouble(Double.POSITIVE_INFINITY));
        assertEquals("10000000000", ConstantFormat.formatDouble(1e10));
        assertEquals("1e+100", ConstantFormat.formatDouble(1e100));
    }
}
