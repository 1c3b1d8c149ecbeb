package dev.jitscope.kernels.opencl;

import dev.jitscope.diag.JitScopeException;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.cl_context;
import org.jocl.cl_device_id;
import org.jocl.cl_program;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.jocl.CL.*;

/**
 * Builds OpenCL programs from the .cl resources next to this class, with a generated header of
 * #defines in front. A driver compile error becomes a JitScopeException that quotes the driver's log
 * and the generated source around the first failing line, since the line numbers in the log refer to
 * the generated text, not to the resource file.
 */
final class ProgramCompiler {
    private ProgramCompiler() { }

    static String resource(String name) {
        try (InputStream in = ProgramCompiler.class.getResourceAsStream(name)) {
            if (in == null) throw new JitScopeException("missing OpenCL kernel resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new JitScopeException("cannot read OpenCL kernel resource " + name + ": " + e.getMessage());
        }
    }

    static cl_program build(cl_context context, cl_device_id device, String name, String source) {
        cl_program program = clCreateProgramWithSource(context, 1, new String[]{source}, null, null);
        try {
            clBuildProgram(program, 1, new cl_device_id[]{device}, "-cl-mad-enable", null, null);
        } catch (CLException e) {
            String log = buildLog(program, device);
            clReleaseProgram(program);
            throw new JitScopeException(describeFailure(name, source, log), name);
        }
        return program;
    }

    /** file:LINE:COL in clang's "file:7:44: error: ..." and PoCL's "error: file:7:44 <Spelling=...>: ..." forms. */
    private static final Pattern LOCATION = Pattern.compile(":(\\d+):(\\d+)");

    /** Sources up to this many lines (every generated fused kernel) are quoted whole; longer ones around the error. */
    static final int QUOTED_WHOLE = 80;

    /** "OpenCL program X failed to compile:" + log + the numbered source, the first failing line marked. */
    static String describeFailure(String name, String source, String log) {
        StringBuilder sb = new StringBuilder("OpenCL program ").append(name).append(" failed to compile:\n").append(log.strip());
        String[] lines = source.split("\n", -1);
        String errorLine = log.lines().filter(l -> l.contains("error")).findFirst().orElse("");
        Matcher m = LOCATION.matcher(errorLine);
        if (m.find() && Integer.parseInt(m.group(1)) <= lines.length) {
            int line = Integer.parseInt(m.group(1)), col = Integer.parseInt(m.group(2));
            sb.append("\nin the generated source:\n");
            boolean whole = lines.length <= QUOTED_WHOLE;
            for (int i = whole ? 1 : Math.max(1, line - 2); i <= (whole ? lines.length : Math.min(lines.length, line + 2)); i++) {
                sb.append(String.format("%5d%s %s%n", i, i == line ? ">" : "|", lines[i - 1]));
                if (i == line) sb.append("       ").append(" ".repeat(Math.max(0, col - 1))).append("^\n");
            }
        } else {
            sb.append("\ngenerated source:\n");
            for (int i = 0; i < lines.length; i++) sb.append(String.format("%5d| %s%n", i + 1, lines[i]));
        }
        return sb.toString().stripTrailing();
    }

    private static String buildLog(cl_program program, cl_device_id device) {
        try {
            long[] size = new long[1];
            clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, 0, null, size);
            byte[] buf = new byte[(int) size[0]];
            clGetProgramBuildInfo(program, device, CL_PROGRAM_BUILD_LOG, buf.length, Pointer.to(buf), null);
            int n = 0;
            while (n < buf.length && buf[n] != 0) n++;
            return new String(buf, 0, n, StandardCharsets.UTF_8);
        } catch (CLException e) {
            return "(no build log: " + e.getMessage() + ")";
        }
    }
}
