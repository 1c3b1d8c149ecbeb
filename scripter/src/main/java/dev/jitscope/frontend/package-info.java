/** scripter: lexer, parser, type checking and IR emission for the TorchScript language. May import ir-core only. */
package dev.jitscope.frontend;
