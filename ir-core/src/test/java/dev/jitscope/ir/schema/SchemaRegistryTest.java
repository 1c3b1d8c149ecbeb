package dev.jitscope.ir.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jitscope.ir.type.IntType;
import dev.jitscope.testsupport.PythonReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaRegistryTest {

    @Test
    void everyPyTorchSchemaParsesAndPrintsBackUnchanged() throws Exception {
        List<String> mismatches = new ArrayList<>();
        int n = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                SchemaRegistry.class.getResourceAsStream(SchemaRegistry.RESOURCE), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) continue;
                n++;
                String printed = SchemaParser.parse(line).toString();
                if (!printed.equals(line)) mismatches.add(line + "\n  printed as " + printed);
            }
        }
        assertTrue(n > 4000, "only " + n + " schemas");
        assertEquals(List.of(), mismatches.subList(0, Math.min(10, mismatches.size())));
        assertEquals(n, SchemaRegistry.global().all().size());
    }

    @Test
    void findsOverloadsInFileOrder() {
        SchemaRegistry g = SchemaRegistry.global();
        List<FunctionSchema> adds = g.overloads("aten::add");
        assertEquals("Tensor", adds.get(0).overloadName());
        assertTrue(adds.size() > 5);
        assertNotNull(g.find("aten::add", "Scalar"));
        assertEquals("aten::relu(Tensor self) -> Tensor", g.find("aten::relu", "").toString());
        assertEquals(g.find("aten::max", "dim"), g.find("aten::max.dim"));
        assertNull(g.find("aten::nonexistent_op", ""));
        assertEquals(List.of(), g.overloads("aten::nonexistent_op"));
    }

    @Test
    void registersExtraSchemas() {
        SchemaRegistry r = new SchemaRegistry();
        r.register(new FunctionSchema("jitscope::answer", "", List.of(), List.of(Argument.of(null, IntType.INSTANCE))));
        assertEquals("jitscope::answer() -> int", r.find("jitscope::answer", "").toString());
    }

    @Test
    void resourceIsWhatDumpSchemasWritesFromTheInstalledPyTorch(@TempDir Path dir) throws Exception {
        PythonReference.requirePyTorch();
        Path script = Path.of(System.getProperty("user.dir"), "src/main/python/dump_schemas.py");
        Path out = dir.resolve("schemas.txt");
        PythonReference.run(script, dir, List.of(out.toString()), 300);
        byte[] bundled = SchemaRegistry.class.getResourceAsStream(SchemaRegistry.RESOURCE).readAllBytes();
        assertEquals(Files.readString(out), new String(bundled, StandardCharsets.UTF_8),
                "schemas.txt is stale: regenerate it with /usr/bin/python3 ir-core/src/main/python/dump_schemas.py");
    }
}
