/** app: the JavaFX workbench and the jitscope command line; the only module that knows all others. */
package dev.jitscope.app;
