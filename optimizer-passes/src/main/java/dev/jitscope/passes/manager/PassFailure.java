package dev.jitscope.passes.manager;

/** A pass threw or left an invalid graph; carries the pass name so the user knows whom to blame. */
public final class PassFailure extends RuntimeException {
    private final String pass;

    public PassFailure(String pass, String message) { super(pass + ": " + message); this.pass = pass; }
    public PassFailure(String pass, Throwable cause) { super(pass + ": " + cause, cause); this.pass = pass; }

    public String pass() { return pass; }
}
