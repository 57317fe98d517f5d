package io.switchboard.cli;

/** The command line entry point. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {}
}
