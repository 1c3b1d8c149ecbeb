package dev.jitscope.frontend.parser;

import dev.jitscope.diag.JitScopeException;
import dev.jitscope.frontend.ast.Ast.*;
import dev.jitscope.frontend.lexer.TokenKind;
import dev.jitscope.ir.Source;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ParserTest {

    private static List<Stmt> parse(String text) { return Parser.parse(new Source("m.py", text)).body(); }

    private static Expr expr(String text) { return ((ExprStmt) parse(text).get(0)).value(); }

    @Test
    void precedenceFollowsPython() {
        BinOp add = (BinOp) expr("a + b * c ** -d\n");
        assertEquals(TokenKind.PLUS, add.op());
        BinOp mul = (BinOp) add.right();
        assertEquals(TokenKind.STAR, mul.op());
        BinOp pow = (BinOp) mul.right();
        assertEquals(TokenKind.POW, pow.op());
        assertInstanceOf(UnaryOp.class, pow.right());
    }

    @Test
    void comparisonChainsWithIsNotAndNotIn() {
        Compare c = (Compare) expr("a is not None\n");
        assertEquals(List.of(CmpOp.IS_NOT), c.ops());
        BoolOp b = (BoolOp) expr("a < b <= c or not d in e\n");
        Compare chain = (Compare) b.left();
        assertEquals(List.of(CmpOp.LT, CmpOp.LE), chain.ops());
        assertInstanceOf(UnaryOp.class, b.right());
        Compare notIn = (Compare) expr("x not in y\n");
        assertEquals(List.of(CmpOp.NOT_IN), notIn.ops());
    }

    @Test
    void subscriptsWithSlicesNoneAndEllipsis() {
        Subscript s = (Subscript) expr("x[:, 0:2, None, ..., ::2]\n");
        assertEquals(5, s.indices().size());
        assertInstanceOf(Slice.class, s.indices().get(0));
        assertInstanceOf(Slice.class, s.indices().get(1));
        assertInstanceOf(Const.class, s.indices().get(2));
        assertInstanceOf(EllipsisLit.class, s.indices().get(3));
        assertNotNull(((Slice) s.indices().get(4)).step());
    }

    @Test
    void callsWithKeywordsAndTernary() {
        IfExp t = (IfExp) expr("f(a, b=1) if c else g()\n");
        Call f = (Call) t.body();
        assertEquals(1, f.args().size());
        assertEquals("b", f.keywords().get(0).name());
    }

    @Test
    void fStringBecomesFormatTemplateWithExpressions() {
        FString f = (FString) expr("f'a{x + 1}b{y!r}{{c}}'\n");
        assertEquals("a{}b{}{{c}}", f.template());
        assertEquals(2, f.values().size());
        assertEquals("x + 1", f.values().get(0).range().text());
    }

    @Test
    void classBodyAsPyTorchWritesIt() {
        String code = "class Conv2d(Module):\n"
                + "  __parameters__ = [\"weight\", \"bias\", ]\n"
                + "  training : bool\n"
                + "  __annotations__[\"0\"] = __torch__.torchvision.models.resnet.BasicBlock\n"
                + "  stride : Final[Tuple[int, int]] = (1, 1)\n"
                + "  def forward(self: __torch__.Conv2d,\n    input: Tensor) -> Tensor:\n"
                + "    return (self)._conv_forward(input, self.weight, self.bias, )\n";
        ClassDef c = (ClassDef) parse(code).get(0);
        assertEquals("Conv2d", c.name());
        assertEquals(5, c.body().size());
        assertInstanceOf(Assign.class, c.body().get(2));
        FunctionDef f = (FunctionDef) c.body().get(4);
        assertEquals(2, f.params().size());
        assertNotNull(f.returns());
    }

    @Test
    void statementsOfTheLanguage() {
        String code = "def f(x: Tensor, *, k: int = 2) -> Tensor:\n"
                + "    a, b = x, 1\n"
                + "    a += 1\n"
                + "    y : List[int] = []\n"
                + "    for i in range(3):\n        if i == 1:\n            continue\n        elif i:\n            break\n        else:\n            pass\n"
                + "    while a > 0: a -= 1\n"
                + "    assert a, 'msg'\n"
                + "    with torch.no_grad():\n        del y[0]\n"
                + "    ys = [v * 2 for v in y if v]\n"
                + "    d = {k: v for k, v in z}\n"
                + "    raise ValueError('x')\n";
        FunctionDef f = (FunctionDef) parse(code).get(0);
        assertTrue(f.params().get(1).keywordOnly());
        assertEquals(10, f.body().size());
        assertInstanceOf(Assign.class, f.body().get(0));
        assertInstanceOf(AugAssign.class, f.body().get(1));
        assertInstanceOf(AnnAssign.class, f.body().get(2));
        assertInstanceOf(For.class, f.body().get(3));
        assertInstanceOf(While.class, f.body().get(4));
        assertInstanceOf(Assert.class, f.body().get(5));
        assertInstanceOf(With.class, f.body().get(6));
        assertInstanceOf(ListComp.class, ((Assign) f.body().get(7)).value());
        assertInstanceOf(DictComp.class, ((Assign) f.body().get(8)).value());
        assertInstanceOf(Raise.class, f.body().get(9));
    }

    @Test
    void syntaxErrorSaysExpectedAndFound() {
        JitScopeException e = assertThrows(JitScopeException.class, () -> parse("def f(x:\n    return x\n"));
        assertTrue(e.getMessage().startsWith("expected an expression but found"), e.getMessage());
        e = assertThrows(JitScopeException.class, () -> parse("x = (1, 2\ny = 3\n"));
        assertEquals("expected ')' but found identifier 'y'", e.getMessage());
        assertEquals("m.py:2:1", e.range().location());
    }

    @Test
    void unsupportedPythonIsRejectedWithADiagnostic() {
        // *args / **kwargs parse (eager execution needs them); compiling them is refused (EmitterTest)
        FunctionDef va = (FunctionDef) parse("def f(a, *args, b=1, **kw):\n    pass\n").get(0);
        assertEquals(List.of(ParamKind.PLAIN, ParamKind.VAR_POSITIONAL, ParamKind.PLAIN, ParamKind.VAR_KEYWORD),
                va.params().stream().map(Param::kind).toList());
        assertTrue(va.params().get(2).keywordOnly());
        assertThrows(JitScopeException.class, () -> parse("def f():\n    global x\n"));
        JitScopeException e = assertThrows(JitScopeException.class, () -> parse("f = lambda x: x\n"));
        assertTrue(e.getMessage().contains("lambda"));
    }
}
