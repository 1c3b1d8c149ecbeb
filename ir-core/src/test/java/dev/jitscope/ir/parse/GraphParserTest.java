package dev.jitscope.ir.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.print.GraphPrinter;
import dev.jitscope.ir.type.BoolType;
import dev.jitscope.ir.value.Device;
import dev.jitscope.testsupport.PythonReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

class GraphParserTest {

    static final String LOOP = """
            graph(%x.1 : Tensor,
                  %n.1 : int):
              %4 : bool = prim::Constant[value=1]() # loop.py:3:4
              %i.1 : int = prim::Constant[value=0]() # loop.py:2:8
              %x : Tensor, %i : int = prim::Loop(%n.1, %4, %x.1, %i.1) # loop.py:3:4
                block0(%7 : int, %x.9 : Tensor, %i.9 : int):
                  %x.3 : Tensor = aten::sigmoid(%x.9) # loop.py:4:12
                  %i.3 : int = aten::add(%i.9, %4)
                  %13 : bool = aten::lt(%i.3, %n.1) # loop.py:3:10
                  -> (%13, %x.3, %i.3)
              %d : Device = prim::Constant[value="cpu"]()
              %none : NoneType = prim::Constant()
              %e : float = prim::Constant[value=1.0000000000000001e-05]()
              %s : str = prim::Constant[value="a\\"b\\n"]()
              %l : bool[] = prim::Constant[value=[1, 0]]()
              %t : Long(requires_grad=0, device=cpu) = prim::Constant[value={2}]()
               = prim::Print(%d, %none, %e, %s, %l, %t)
              %r : (Tensor, int) = prim::TupleConstruct(%x, %i)
              return (%r)
            """;

    @Test
    void readsBackWhatItPrints() {
        Graph g = GraphParser.parse(LOOP);
        assertEquals(LOOP, GraphPrinter.print(g));
        assertEquals(GraphPrinter.print(g), GraphPrinter.print(GraphParser.parse(GraphPrinter.print(g))));
    }

    @Test
    void buildsTheStructureTheTextDescribes() {
        Graph g = GraphParser.parse(LOOP);
        Node loop = g.nodes().get(2);
        assertEquals(Node.LOOP, loop.kind());
        assertEquals(2, loop.outputs().size());
        assertEquals(3, loop.blocks().get(0).inputs().size());
        assertEquals(BoolType.INSTANCE, loop.blocks().get(0).outputs().get(0).type());
        assertEquals(Boolean.TRUE, g.nodes().get(0).attr("value"));
        assertEquals(Device.CPU, g.nodes().get(3).attr("value"));
        assertEquals(List.of(true, false), g.nodes().get(7).attr("value"));
        assertEquals("loop.py", loop.range().file());
        assertEquals(3, loop.range().line());
        assertEquals(g.inputs().get(0), loop.input(2));
        assertTrue(g.inputs().get(1).uses().size() >= 2);
    }

    @Test
    void keepsTracedScopes() {
        Graph g = GraphParser.parse("""
                graph(%x : Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu)):
                  %y : Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu) = aten::relu(%x), scope: __module.layer1/__module.layer1.0 # f.py:1:0
                  return (%y)
                """);
        assertEquals("__module.layer1/__module.layer1.0", g.nodes().get(0).scope());
        assertEquals("f.py:1:1", g.nodes().get(0).range().location());
    }

    @Test
    void reportsUndefinedValuesAndSyntaxErrors() {
        JitScopeException e = assertThrows(JitScopeException.class,
                () -> GraphParser.parse("graph(%a : int):\n  %b : int = aten::neg(%c)\n  return (%b)\n"));
        assertTrue(e.getMessage().contains("%c"), e.getMessage());
        assertEquals(2, e.range().line());
        assertThrows(JitScopeException.class, () -> GraphParser.parse("graph(%a : int):\n  %b : int = aten::neg(%a)\n"));
        assertThrows(JitScopeException.class, () -> GraphParser.parse("graph(%a : Tnsor):\n  return (%a)\n"));
    }

    @Test
    void roundTripsGraphsPrintedByPyTorch(@TempDir Path dir) throws Exception {
        PythonReference.requirePyTorch();
        PythonReference.runResource(GraphParserTest.class, "print_graphs.py", dir, List.of("graphs.txt"), 300);
        List<String> texts = List.of(Files.readString(dir.resolve("graphs.txt")).split("\n----\n"));
        assertEquals(8, texts.size());
        for (String text : texts) {
            String expected = text.endsWith("\n") ? text : text + "\n";
            Graph g = GraphParser.parse(expected);
            assertEquals(expected, GraphPrinter.print(g));
        }
    }
}
