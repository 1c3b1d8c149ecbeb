/** plugins: custom ops, passes and exporters built against the SPI in ir-core and kernels. */
package dev.jitscope.plugins;
