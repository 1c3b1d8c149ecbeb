package dev.jitscope.ir.print;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jitscope.ir.Graph;
import dev.jitscope.ir.Node;
import dev.jitscope.ir.type.OptionalType;
import dev.jitscope.ir.type.IntType;
import dev.jitscope.tensor.DType;
import dev.jitscope.tensor.Storage;
import dev.jitscope.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ConstantFormatTest {

    @Test
    void integralDoublesGetADotOnlyBelowTenBillion() {
        assertEquals("9999999999.", ConstantFormat.formatDouble(9999999999.0));
        assertEquals("10000000000", ConstantFormat.formatDouble(1e10));
        assertEquals("12345678901", ConstantFormat.formatDouble(12345678901.0));
        assertEquals("1e+20", ConstantFormat.formatDouble(1e20));
        assertEquals("0.", ConstantFormat.formatDouble(-0.0));
    }

    @Test
    void boxedScalarTensorsUseSixDigits() {
        Tensor f = new Tensor(Storage.wrap(new float[] {0.1f}), new int[0], new int[0], 0);
        assertEquals("{0.1}", ConstantFormat.format(f));
        Tensor d = new Tensor(Storage.wrap(new double[] {1e10}), new int[0], new int[0], 0);
        assertEquals("{1e+10}", ConstantFormat.format(d));
        Tensor l = new Tensor(Storage.wrap(new long[] {2}), new int[0], new int[0], 0);
        assertEquals("{2}", ConstantFormat.format(l));
        assertEquals(DType.FLOAT32, f.dtype());
    }

    @Test
    void noneConstantPrintsWithoutAttributes() {
        Graph g = new Graph();
        Node c = g.create(Node.CONSTANT).setAttr("value", null);
        g.block().append(c);
        g.registerOutput(c.addOutput(OptionalType.of(IntType.INSTANCE)));
        assertEquals("graph():\n  %0 : int? = prim::Constant()\n  return (%0)\n", GraphPrinter.print(g));
    }
}
