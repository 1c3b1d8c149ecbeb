package dev.jitscope.frontend.emit;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.ir.Block;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.Source;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.type.IntType;
import dev.jitscope.ir.type.ListType;
import dev.jitscope.ir.type.OptionalType;
import dev.jitscope.ir.type.TensorType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/** Small functions in, graph structure out. */
class EmitterTest {

    private static Graph compile(String code, String fn) {
        return ScriptCompiler.compileSource(new Source("m.py", code)).function(fn).graph();
    }

    /** Node kinds of a block, constants left out, nested blocks in brackets. */
    private static String shape(Block b) {
        List<String> parts = new ArrayList<>();
        for (Node n : b.nodes()) {
            if (n.kind().equals(Node.CONSTANT)) continue;
            String s = n.kind();
            if (!n.blocks().isEmpty()) s += n.blocks().stream().map(x -> "[" + shape(x) + "]").collect(Collectors.joining());
            parts.add(s);
        }
        return String.join(" ", parts);
    }

    @Test
    void ifWithReturnsInBothBranchesBecomesIfWithOneOutput() {
        Graph g = compile("def gate(x):\n    if x.sum() > 0:\n        return x\n    else:\n        return -x\n", "gate");
        assertEquals("aten::sum aten::gt aten::Bool prim::If[][aten::neg]", shape(g.block()));
        Node ifNode = g.block().nodes().stream().filter(n -> n.kind().equals(Node.IF)).findFirst().orElseThrow();
        assertEquals(1, ifNode.outputs().size());
        assertSame(ifNode.output(), g.outputs().get(0));
    }

    @Test
    void earlyReturnMovesTheRestIntoTheOtherBranch() {
        Graph g = compile("def f(x):\n    if x.mean() > 0.5:\n        return x\n    y = torch.relu(x)\n    return y * 2\n", "f");
        assertEquals("aten::mean aten::gt aten::Bool prim::If[][aten::relu aten::mul]", shape(g.block()));
    }

    @Test
    void variablesAssignedInBranchesBecomeIfOutputs() {
        Graph g = compile("def f(x, c: bool):\n    if c:\n        y = x + 1\n    else:\n        y = x - 1\n    return y\n", "f");
        Node ifNode = g.block().nodes().stream().filter(n -> n.kind().equals(Node.IF)).findFirst().orElseThrow();
        assertEquals(1, ifNode.outputs().size());
        assertEquals("y", ifNode.output().debugName());
    }

    @Test
    void forRangeCarriesReassignedVariables() {
        Graph g = compile("def f(x, n: int):\n    acc = x\n    for i in range(n):\n        acc = acc * i\n    return acc\n", "f");
        Node loop = g.block().nodes().stream().filter(n -> n.kind().equals(Node.LOOP)).findFirst().orElseThrow();
        assertEquals(3, loop.inputs().size());   // trip count, condition, acc
        assertEquals(1, loop.outputs().size());
        assertEquals(2, loop.blocks().get(0).inputs().size());   // i, acc
        assertEquals(IntType.INSTANCE, loop.blocks().get(0).inputs().get(0).type());
        assertSame(loop.output(0), g.outputs().get(0));
    }

    @Test
    void whileLoopReevaluatesItsCondition() {
        Graph g = compile("def f(n: int) -> int:\n    while n > 0:\n        n -= 1\n    return n\n", "f");
        assertEquals("aten::gt prim::Loop[aten::sub aten::gt]", shape(g.block()));
    }

    @Test
    void listAppendInLoopAndComprehension() {
        Graph g = compile("from typing import List\n"
                + "def f(x, n: int):\n    xs: List[Tensor] = []\n    for i in range(n):\n        xs.append(x * i)\n"
                + "    ys = [v + 1 for v in xs]\n    return torch.stack(ys)\n", "f");
        assertEquals("prim::ListConstruct prim::Loop[aten::mul aten::append] prim::ListConstruct aten::len "
                + "prim::Loop[aten::__getitem__ aten::add aten::append] aten::stack", shape(g.block()));
        assertEquals(ListType.of(TensorType.INSTANCE), g.block().nodes().stream()
                .filter(n -> n.kind().equals(Node.LIST_CONSTRUCT)).findFirst().orElseThrow().output().type());
    }

    @Test
    void optionalIsRefinedByIsNotNone() {
        Graph g = compile("from typing import Optional\n"
                + "def f(x, o: Optional[Tensor]):\n    if o is not None:\n        x = x + o\n    return x\n", "f");
        assertEquals("aten::__isnot__ prim::If[prim::unchecked_cast aten::add][]", shape(g.block()));
    }

    @Test
    void isNoneOnANonOptionalIsDecidedStatically() {
        Graph g = compile("def f(x):\n    if x is None:\n        return x + 1\n    return x * 2\n", "f");
        assertEquals("aten::mul", shape(g.block()));
    }

    @Test
    void fStringBecomesFormat() {
        Graph g = compile("def f(n: int) -> str:\n    return f'n={n}'\n", "f");
        assertEquals("aten::format", shape(g.block()));
    }

    @Test
    void tensorIndexingLowersToSelectSliceUnsqueeze() {
        Graph g = compile("def f(x):\n    return x[0, 1:3, None]\n", "f");
        assertEquals("aten::select aten::slice aten::unsqueeze", shape(g.block()));
    }

    @Test
    void shortCircuitAndIsAnIf() {
        Graph g = compile("def f(a: int, b: int) -> bool:\n    return a > 0 and b > 0\n", "f");
        assertEquals("aten::gt prim::If[aten::gt][]", shape(g.block()));
    }

    @Test
    void classMethodsCallEachOtherAndReadAttributes() {
        String code = "class Cell(torch.nn.Module):\n"
                + "    scale : int\n"
                + "    def forward(self, x):\n        return self.helper(x) * self.scale\n"
                + "    def helper(self, x):\n        return torch.tanh(x)\n";
        ClassType c = ScriptCompiler.compileSource(new Source("m.py", code)).classType("Cell");
        assertTrue(c.isModule());
        assertEquals("prim::CallMethod prim::GetAttr aten::mul", shape(c.method("forward").graph().block()));
    }

    @Test
    void freeFunctionCallsFillDefaults() {
        Graph g = compile("def g(x, k: int = 3):\n    return x * k\n\ndef f(x):\n    return g(x)\n", "f");
        Node call = g.block().nodes().stream().filter(n -> n.kind().equals(Node.CALL_FUNCTION)).findFirst().orElseThrow();
        assertEquals(3, call.inputs().size());   // the function, x, and the default k
    }

    @Test
    void raiseInABranchLeavesTheOtherBranchsValues() {
        Graph g = compile("def f(x, n: int):\n    if n < 0:\n        raise ValueError('negative')\n    else:\n        y = x\n    return y\n", "f");
        assertEquals("aten::lt prim::If[prim::RaiseException prim::Uninitialized][]", shape(g.block()));
    }

    @Test
    void assertIsNotNoneRefinesInsideThePassingBranch() {
        // PyTorch's form: the cast is an If output, so folding the If on a None argument drops it too
        Graph g = compile("from typing import Optional\n"
                + "def f(o: Optional[Tensor]):\n    assert o is not None, 'msg'\n    return o + 1\n", "f");
        assertEquals("aten::__isnot__ prim::If[prim::unchecked_cast][prim::RaiseException prim::Uninitialized] aten::add",
                shape(g.block()));
        Node ifNode = g.block().nodes().stream().filter(n -> n.kind().equals(Node.IF)).findFirst().orElseThrow();
        assertEquals(TensorType.INSTANCE, ifNode.output(0).type());
    }

    @Test
    void raiseOnNoneRefinesAfterTheIf() {
        Graph g = compile("from typing import Optional\n"
                + "def f(o: Optional[Tensor]):\n    if o is None:\n        raise ValueError('no')\n    return o + 1\n", "f");
        assertEquals("aten::__is__ prim::If[prim::RaiseException prim::Uninitialized][prim::unchecked_cast] aten::add",
                shape(g.block()));
    }

    @Test
    void wrongArgumentTypeIsReportedAtTheArgument() {
        JitScopeException e = assertThrows(JitScopeException.class,
                () -> compile("def g(x, k: int):\n    return x * k\n\ndef f(x):\n    return g(x, 'a')\n", "f"));
        assertEquals("Expected a value of type 'int' for argument 'k' but instead found type 'str'", e.getMessage());
        assertEquals("m.py:5:17", e.range().location());
    }

    @Test
    void aReturnNestedInABranchEndsTheFunctionOnThatPathOnly() {
        Graph g = compile("def f(x, b: bool):\n    if b:\n        if bool(x.sum() > 0):\n            return x\n    return -x\n", "f");
        String s = shape(g.block());
        // -x is reached on two paths (b false; b true and the sum not positive); x is returned on the third
        assertEquals(2, s.split("aten::neg", -1).length - 1, s);
        assertTrue(g.outputs().get(0).node().kind().equals(Node.IF), s);
    }

    @Test
    void varArgsParseButDoNotCompile() {
        JitScopeException e = assertThrows(JitScopeException.class, () -> compile("def f(x, *args):\n    return x\n", "f"));
        assertEquals("*args are not supported in TorchScript", e.getMessage());
        assertEquals("m.py:1:10", e.range().location());
        e = assertThrows(JitScopeException.class, () -> compile("def f(x, **kw):\n    return x\n", "f"));
        assertEquals("**kwargs are not supported in TorchScript", e.getMessage());
    }

    @Test
    void undefinedNameIsADiagnostic() {
        JitScopeException e = assertThrows(JitScopeException.class, () -> compile("def f(x):\n    return y\n", "f"));
        assertEquals("undefined value y", e.getMessage());
        assertTrue(e.render().contains("^"));
    }

    @Test
    void annotatedOptionalVariableUnifiesBranches() {
        Graph g = compile("from typing import Optional\n"
                + "def f(x, n: int):\n    o: Optional[Tensor] = None\n    if n > 2:\n        o = x\n    return o\n", "f");
        assertEquals(OptionalType.of(TensorType.INSTANCE), g.outputs().get(0).type());
    }

    @Test
    void breakMakesTheContinueConditionFalse() {
        Graph g = compile("def f(n: int) -> int:\n    while n > 0:\n        n -= 1\n        if n == 5:\n            break\n    return n\n", "f");
        assertEquals("aten::gt prim::Loop[aten::sub aten::eq prim::If[][aten::gt]]", shape(g.block()));
        Node loop = g.block().nodes().stream().filter(n -> n.kind().equals(Node.LOOP)).findFirst().orElseThrow();
        Node ifNode = loop.blocks().get(0).nodes().stream().filter(n -> n.kind().equals(Node.IF)).findFirst().orElseThrow();
        assertSame(ifNode.output(0), loop.blocks().get(0).outputs().get(0));
        assertEquals(Boolean.FALSE, ifNode.blocks().get(0).outputs().get(0).node().attr("value"));
    }

    @Test
    void continueSkipsTheRestOfTheBody() {
        Graph g = compile("from typing import List\n"
                + "def f(xs: List[int]) -> int:\n    s = 0\n    for x in xs:\n        if x < 0:\n            continue\n        s += x\n    return s\n", "f");
        assertEquals("aten::len prim::Loop[aten::__getitem__ aten::lt prim::If[][aten::add]]", shape(g.block()));
    }

    @Test
    void breakOutsideALoopIsADiagnostic() {
        JitScopeException e = assertThrows(JitScopeException.class, () -> compile("def f(x):\n    break\n", "f"));
        assertEquals("'break' outside loop", e.getMessage());
    }
}
