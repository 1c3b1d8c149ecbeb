package dev.jitscope.kernels.opencl;

import dev.jitscope.diag.JitScopeException;
import org.jocl.CLException;
import org.jocl.cl_context;
import org.jocl.cl_mem;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

import static org.jocl.CL.*;

/**
 * Caching allocator: device buffers released by tensors go to a free list keyed by their exact byte
 * size and are handed out again for the next request of that size, because a network's forward pass
 * asks for the same handful of sizes on every run and clCreateBuffer is slow on most drivers.
 */
final class BufferPool {
    private final cl_context context;
    private final Map<Long, ArrayDeque<cl_mem>> free = new HashMap<>();
    private long created, reused, cachedBytes;

    BufferPool(cl_context context) { this.context = context; }

    synchronized cl_mem acquire(long bytes) {
        // NB: OpenCL refuses zero-sized buffers; an empty tensor still gets a (tiny) real buffer
        long size = Math.max(bytes, 4);
        ArrayDeque<cl_mem> q = free.get(size);
        if (q != null && !q.isEmpty()) {
            reused++;
            cachedBytes -= size;
            return q.pop();
        }
        try {
            cl_mem m = clCreateBuffer(context, CL_MEM_READ_WRITE, size, null, null);
            created++;
            return m;
        } catch (CLException e) {
            // the cached buffers of other sizes may be what is missing: free them and try once more
            trim();
            try {
                cl_mem m = clCreateBuffer(context, CL_MEM_READ_WRITE, size, null, null);
                created++;
                return m;
            } catch (CLException again) {
                throw new JitScopeException("out of OpenCL device memory allocating " + size + " bytes (" + again.getMessage() + ")");
            }
        }
    }

    synchronized void release(cl_mem mem, long bytes) {
        long size = Math.max(bytes, 4);
        free.computeIfAbsent(size, k -> new ArrayDeque<>()).push(mem);
        cachedBytes += size;
    }

    /** Frees every cached buffer (buffers still owned by live tensors are not affected). */
    synchronized void trim() {
        for (ArrayDeque<cl_mem> q : free.values()) for (cl_mem m : q) clReleaseMemObject(m);
        free.clear();
        cachedBytes = 0;
    }

    synchronized long created() { return created; }
    synchronized long reused() { return reused; }
    synchronized long cachedBytes() { return cachedBytes; }
}
