/**
 * ir-core: the language of the system (types, values, graph IR, schemas, printer/parser, archives).
 * Depends on nothing else of JitScope; no UI, no kernels.
 */
package dev.jitscope.ir;
