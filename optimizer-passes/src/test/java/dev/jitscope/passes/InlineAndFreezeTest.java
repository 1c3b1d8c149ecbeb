package dev.jitscope.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.jitscope.ir.Function;
import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.type.BoolType;
import dev.jitscope.ir.type.ClassType;
import dev.jitscope.ir.type.FloatType;
import dev.jitscope.ir.type.JitType;
import dev.jitscope.ir.type.TensorType;
import dev.jitscope.ir.value.ScriptObject;
import dev.jitscope.passes.manager.PassManager;
import dev.jitscope.passes.util.GraphText;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A module M(weight, sub: Sub(scale)) whose forward calls sub.forward; freezing needs inlining first. */
class InlineAndFreezeTest {
    private final ClassType sub = new ClassType("__torch__.Sub", true);
    private final ClassType top = new ClassType("__torch__.M", true);
    private final Map<String, JitType> classes = Map.of("__torch__.Sub", sub, "__torch__.M", top);

    private static final String FORWARD = """
        graph(%self : __torch__.M, %x : Tensor):
          %w : Tensor = prim::GetAttr[name="weight"](%self)
          %s : __torch__.Sub = prim::GetAttr[name="sub"](%self)
          %y : Tensor = prim::CallMethod[name="forward"](%s, %x)
          %z : Tensor = aten::mul(%y, %w)
          %tr : bool = prim::GetAttr[name="training"](%self)
          %p : float = prim::Constant[value=0.1]()
          %out : Tensor = aten::dropout(%z, %p, %tr)
          return (%out)
        """;

    private static final String SUB_FORWARD = """
        graph(%self : __torch__.Sub, %x : Tensor):
          %k : float = prim::GetAttr[name="scale"](%self)
          %r : Tensor = aten::mul(%x, %k)
          return (%r)
        """;

    InlineAndFreezeTest() {
        sub.addAttribute("training", BoolType.INSTANCE, ClassType.AttributeKind.PLAIN);
        sub.addAttribute("scale", FloatType.INSTANCE, ClassType.AttributeKind.PLAIN);
        top.addAttribute("training", BoolType.INSTANCE, ClassType.AttributeKind.PLAIN);
        top.addAttribute("weight", TensorType.INSTANCE, ClassType.AttributeKind.PARAMETER);
        top.addAttribute("sub", sub, ClassType.AttributeKind.PLAIN);
        sub.addMethod(new Function("forward", "__torch__.Sub.forward", IrText.parse(SUB_FORWARD, classes), null));
    }

    private ScriptObject instance(Tensor weight) {
        ScriptObject s = new ScriptObject(sub);
        s.setAttr("training", true);
        s.setAttr("scale", 2.5);
        ScriptObject m = new ScriptObject(top);
        m.setAttr("training", true);
        m.setAttr("weight", weight);
        m.setAttr("sub", s);
        return m;
    }

    @Test void inlineCopiesTheCalleeAndLeavesItIntact() {
        Graph g = IrText.parse(FORWARD, classes);
        String original = GraphText.print(g);
        PassContext ctx = new PassContext(g);
        new PassManager().run(PassRegistry.standard().pipeline("inline"), ctx);
        FileCheck.check("""
            # CHECK-NOT: prim::CallMethod
            # CHECK: prim::GetAttr[name="scale"](%s)
            # CHECK: aten::mul(%x, %k)
            """, GraphText.print(ctx.graph()));
        assertEquals(2, sub.method("forward").graph().nodeCount());
        assertEquals(original, GraphText.print(g), "the inliner works on a copy");
    }

    @Test void inferencePipelineFreezesAttributesAndDropsDropout() {
        Tensor weight = Tensor.zeros(DType.FLOAT32, 3);
        PassContext ctx = new PassContext(IrText.parse(FORWARD, classes), instance(weight));
        var results = PassManager.instrumented().run(PassRegistry.standard().pipeline("inline,freeze,remove-dropout,dead-code-elimination"), ctx);
        String out = GraphText.print(ctx.graph());
        FileCheck.check("""
            # CHECK-NOT: prim::GetAttr
            # CHECK: %w : Float(3, strides=[1], requires_grad=0, device=cpu) = prim::Constant[value=<Tensor>]()
            # CHECK: %k : float = prim::Constant[value=2.5]()
            # CHECK-NOT: aten::dropout
            # CHECK: return (%z)
            """, out);
        assertEquals(Map.of("attributes-folded", 3L), results.get(1).statistics());
        Node wConst = ctx.graph().nodes().stream().filter(n -> n.kind().equals(Node.CONSTANT) && n.attr("value") instanceof Tensor).findFirst().orElseThrow();
        assertSame(weight, wConst.attr("value"));
    }

    @Test void freezeIsSkippedWithoutAModuleAndKeepsWrittenAttributes() {
        var r = PassManager.instrumented().run(PassRegistry.standard().pipeline("freeze"), new PassContext(IrText.parse(FORWARD, classes)));
        assertFalse(r.get(0).changed());
        PassContext ctx = new PassContext(IrText.parse("""
            graph(%self : __torch__.M, %x : Tensor):
              %w : Tensor = prim::GetAttr[name="weight"](%self)
              prim::SetAttr[name="weight"](%self, %x)
              return (%w)
            """, classes), instance(Tensor.zeros(DType.FLOAT32, 1)));
        PassManager.instrumented().run(PassRegistry.standard().pipeline("freeze"), ctx);
        FileCheck.check("# CHECK: prim::GetAttr[name=\"weight\"]", GraphText.print(ctx.graph()));
    }
}
