package dev.jitscope.ir.verify;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.parse.GraphParser;
import dev.jitscope.ir.schema.SchemaRegistry;
import dev.jitscope.ir.type.IntType;
import org.junit.jupiter.api.Test;

class GraphVerifierTest {

    private static final String LOOP = """
            graph(%x.1 : Tensor,
                  %n.1 : int):
              %4 : bool = prim::Constant[value=1]()
              %one : int = prim::Constant[value=1]()
              %x : Tensor = prim::Loop(%n.1, %4, %x.1) # loop.py:3:4
                block0(%i : int, %x.9 : Tensor):
                  %x.3 : Tensor = aten::sigmoid(%x.9)
                  %c : bool = aten::lt(%i, %n.1)
                  %y : Tensor = prim::If(%c)
                    block0():
                      -> (%x.3)
                    block1():
                      %z : Tensor = aten::add(%x.3, %x.9, %one)
                      -> (%z)
                  -> (%c, %y)
              return (%x)
            """;

    private static String message(String graphText) {
        return assertThrows(JitScopeException.class, () -> GraphVerifier.verify(GraphParser.parse(graphText))).getMessage();
    }

    @Test
    void acceptsWellFormedGraphs() {
        assertDoesNotThrow(() -> GraphVerifier.verify(GraphParser.parse(LOOP)));
    }

    @Test
    void rejectsUseOfValueDefinedInsideASiblingBlock() {
        // %z is defined in block1; make block0 return it (the parser would refuse the text form)
        Graph g = GraphParser.parse(LOOP);
        Node iff = g.block().allNodes().stream().filter(n -> n.kind().equals(Node.IF)).findFirst().orElseThrow();
        Node add = iff.blocks().get(1).nodes().get(0);
        iff.blocks().get(0).returnNode().replaceInput(0, add.output());
        String m = assertThrows(JitScopeException.class, () -> GraphVerifier.verify(g)).getMessage();
        assertTrue(m.contains("prim::If") && m.contains("block output 0") && m.contains("%z"), m);
    }

    @Test
    void rejectsUseBeforeDefinition() {
        Graph g = GraphParser.parse(LOOP);
        Node one = g.nodes().get(1);
        Node loop = g.nodes().get(2);
        one.moveBefore(g.nodes().get(0));
        loop.moveBefore(g.nodes().get(0)); // loop now precedes the condition constant it uses
        String m = assertThrows(JitScopeException.class, () -> GraphVerifier.verify(g)).getMessage();
        assertTrue(m.contains("prim::Loop") && m.contains("used before it is defined"), m);
    }

    @Test
    void rejectsIfWhoseBlocksDisagreeWithItsOutputs() {
        String m = message("""
                graph(%c : bool,
                      %a : int):
                  %r : int = prim::If(%c)
                    block0():
                      -> (%a)
                    block1():
                      -> ()
                  return (%r)
                """);
        assertTrue(m.contains("block1 returns 0 values but prim::If has 1 outputs"), m);
    }

    @Test
    void rejectsLoopBodyOfWrongArity() {
        String m = message("""
                graph(%n : int,
                      %a : int):
                  %t : bool = prim::Constant[value=1]()
                  %r : int = prim::Loop(%n, %t, %a)
                    block0(%i : int):
                      -> (%t)
                  return (%r)
                """);
        assertTrue(m.contains("loop body takes 1 parameters"), m);
    }

    @Test
    void rejectsOutputsThatContradictTheSchema() {
        Graph g = GraphParser.parse("""
                graph(%a : Tensor):
                  %r : int = aten::relu(%a)
                  return (%r)
                """);
        g.nodes().get(0).setSchema(SchemaRegistry.global().find("aten::relu", ""));
        String m = assertThrows(JitScopeException.class, () -> GraphVerifier.verify(g)).getMessage();
        assertTrue(m.contains("%r = aten::relu") && m.contains("has type int but schema aten::relu returns Tensor"), m);
        g.nodes().get(0).output().setType(dev.jitscope.ir.type.TensorType.INSTANCE);
        assertDoesNotThrow(() -> GraphVerifier.verify(g));
    }

    @Test
    void rejectsStaleUseLists() {
        Graph g = GraphParser.parse(LOOP);
        Node extra = g.create("aten::neg");
        extra.addInput(g.inputs().get(1));
        extra.addOutput(IntType.INSTANCE);
        // never inserted: its use of %n.1 dangles
        String m = assertThrows(JitScopeException.class, () -> GraphVerifier.verify(g)).getMessage();
        assertTrue(m.contains("no longer in the graph"), m);
    }
}
