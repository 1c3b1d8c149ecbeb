package dev.jitscope.kernels.opencl;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Formatting of driver build logs; needs no OpenCL device. */
class ProgramCompilerTest {
    private static final String SOURCE = "#define TS 16\n__kernel void k(__global float* x) {\n    x[0] = y;\n}\n";

    @Test
    void clangStyleLogMarksTheFailingLineAndColumn() {
        String m = ProgramCompiler.describeFailure("k.cl", SOURCE, "<kernel>:3:12: error: use of undeclared identifier 'y'\n    x[0] = y;\n");
        assertTrue(m.startsWith("OpenCL program k.cl failed to compile:\n<kernel>:3:12: error"), m);
        assertTrue(m.contains("    3>     x[0] = y;\n"), m);
        // caret under column 12 of the quoted line
        String caretLine = m.lines().dropWhile(l -> !l.contains("3>")).skip(1).findFirst().orElseThrow();
        assertEquals(7 + 11, caretLine.indexOf('^'), m);
        assertTrue(m.contains("    2| __kernel void k"), "context lines are quoted too: " + m);
    }

    @Test
    void poclStyleLogIsUnderstoodToo() {
        String m = ProgramCompiler.describeFailure("k.cl", SOURCE,
                "error: /root/.cache/pocl/kcache/tempfile_x.cl:3:12 <Spelling=/root/.cache/pocl/kcache/tempfile_x.cl:1:15>: use of undeclared identifier 'y'\n"
                        + "Device pthread failed to build the program");
        assertTrue(m.contains("    3>     x[0] = y;"), m);
    }

    @Test
    void withoutALocationTheWholeSourceIsShown() {
        String m = ProgramCompiler.describeFailure("k.cl", SOURCE, "internal compiler error");
        assertTrue(m.contains("generated source:"), m);
        assertTrue(m.contains("    1| #define TS 16") && m.contains("    4| }"), m);
    }
}
