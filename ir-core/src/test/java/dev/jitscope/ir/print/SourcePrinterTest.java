package dev.jitscope.ir.print;

import dev.jitscope.ir.Function;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.parse.GraphParser;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.type.TensorType;
import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Graphs written as TorchScript source the way torch.jit.save writes code/ files. */
class SourcePrinterTest {

    static String printFunction(String qualifiedName, String graph) {
        Graph g = GraphParser.parse(graph);
        String simple = qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
        SourcePrinter.Result r = SourcePrinter.print(List.of(), List.of(new Function(simple, qualifiedName, g, null)));
        return r.files().get("__torch__");
    }

    @Test
    void singleUseTemporariesAreWrittenIntoTheirUseAndConstantsAsLiterals() {
        String code = printFunction("__torch__.f", """
                graph(%x.1 : Tensor):
                  %2 : int = prim::Constant[value=2]()
                  %1 : int = prim::Constant[value=1]()
                  %3 : Tensor = aten::mul(%x.1, %2)
                  %4 : Tensor = aten::add(%3, %1, %1)
                  return (%4)
                """);
        // alpha=1 is the schema default, so it is left out as PyTorch does
        assertEquals("""
                def f(x: Tensor) -> Tensor:
                  return torch.add(torch.mul(x, 2), 1)
                """, code);
    }

    @Test
    void inliningNeverMovesAnEffectAcrossAnother() {
        // %a is produced before the in-place add_ but used after it: it must stay a variable
        String code = printFunction("__torch__.f", """
                graph(%x.1 : Tensor):
                  %1 : int = prim::Constant[value=1]()
                  %a : Tensor = aten::neg(%x.1)
                  %b : Tensor = aten::add_(%x.1, %1, %1)
                  %c : Tensor = aten::mul(%b, %a)
                  return (%c)
                """);
        assertEquals("""
                def f(x: Tensor) -> Tensor:
                  a = torch.neg(x)
                  b = torch.add_(x, 1)
                  return torch.mul(b, a)
                """, code);
    }

    @Test
    void loopsAreForLoopsOrWhileLoopsWithCarriedValuesAssigned() {
        String code = printFunction("__torch__.f", """
                graph(%x.1 : Tensor,
                      %n.1 : int):
                  %t : bool = prim::Constant[value=1]()
                  %max : int = prim::Constant[value=9223372036854775807]()
                  %0 : int = prim::Constant[value=0]()
                  %y : Tensor = prim::Loop(%n.1, %t, %x.1)
                    block0(%i.1 : int, %y.3 : Tensor):
                      %y.5 : Tensor = aten::mul(%y.3, %i.1)
                      -> (%t, %y.5)
                  %c : bool = aten::gt(%n.1, %0)
                  %m : int = prim::Loop(%max, %c, %n.1)
                    block0(%7 : int, %m.3 : int):
                      %m.5 : int = aten::sub(%m.3, %0)
                      %c.3 : bool = aten::gt(%m.5, %0)
                      -> (%c.3, %m.5)
                  %r : (Tensor, int) = prim::TupleConstruct(%y, %m)
                  return (%r)
                """);
        assertEquals("""
                def f(x: Tensor,
                    n: int) -> Tuple[Tensor, int]:
                  y = x
                  for i in range(n):
                    y = torch.mul(y, i)
                  c = torch.gt(n, 0)
                  m = n
                  _0 = c
                  while _0:
                    m0 = torch.sub(m, 0)
                    _0, m = torch.gt(m0, 0), m0
                  return (y, m)
                """, code);
    }

    @Test
    void keywordOnlyArgumentsAreNamedAndEmptyListsAnnotated() {
        String code = printFunction("__torch__.f", """
                graph(%x.1 : Tensor):
                  %n : NoneType = prim::Constant()
                  %d : int = prim::Constant[value=7]()
                  %2 : int = prim::Constant[value=2]()
                  %5 : int[] = prim::ListConstruct(%2, %2)
                  %z : Tensor = aten::zeros(%5, %d, %n, %n, %n)
                  %e : Tensor[] = prim::ListConstruct()
                  %r : (Tensor, Tensor[]) = prim::TupleConstruct(%z, %e)
                  return (%r)
                """);
        assertEquals("""
                def f(x: Tensor) -> Tuple[Tensor, List[Tensor]]:
                  z = torch.zeros([2, 2], dtype=7)
                  e = annotate(List[Tensor], [])
                  return (z, e)
                """, code);
    }

    @Test
    void moduleClassesDeclareParametersAttributesAndTheirClassesFiles() {
        ClassType lin = new ClassType("__torch__.torch.nn.modules.linear.Linear", true);
        lin.addAttribute("weight", TensorType.INSTANCE, ClassType.AttributeKind.PARAMETER);
        lin.constants().put("in_features", 4L);
        ClassType m = new ClassType("__torch__.M", true);
        m.addAttribute("0", lin, ClassType.AttributeKind.PLAIN);
        Graph g = GraphParser.parse("""
                graph(%self : __torch__.M,
                      %x.1 : Tensor):
                  %l : __torch__.torch.nn.modules.linear.Linear = prim::GetAttr[name="0"](%self)
                  %c : Tensor = prim::Constant[value={2}]()
                  %y : Tensor = prim::CallMethod[name="forward"](%l, %x.1)
                  %z : Tensor = aten::mul(%y, %c)
                  return (%z)
                """, new dev.jitscope.ir.parse.TypeParser(q -> q.equals(m.qualifiedName()) ? m : q.equals(lin.qualifiedName()) ? lin : null));
        m.addMethod(new Function("forward", "__torch__.M.forward", g, null));
        SourcePrinter.Result r = SourcePrinter.print(List.of(m));
        assertEquals(List.of("__torch__", "__torch__.torch.nn.modules.linear"), List.copyOf(r.files().keySet()));
        assertEquals(1, r.constants().size());
        assertInstanceOf(Tensor.class, r.constants().get(0));
        assertEquals("""
                class M(Module):
                  __parameters__ = []
                  __buffers__ = []
                  __annotations__["0"] = __torch__.torch.nn.modules.linear.Linear
                  def forward(self: __torch__.M,
                    x: Tensor) -> Tensor:
                    l = getattr(self, "0")
                    y = (l).forward(x, )
                    return torch.mul(y, CONSTANTS.c0)
                """, r.files().get("__torch__"));
        assertEquals("""
                class Linear(Module):
                  __parameters__ = ["weight", ]
                  __buffers__ = []
                  weight : Tensor
                  in_features : Final[int] = 4
                """, r.files().get("__torch__.torch.nn.modules.linear"));
    }
}
