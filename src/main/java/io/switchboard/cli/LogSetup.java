package io.switchboard.cli;

import java.util.List;

/**
 * Chooses the log format before the logging system starts: human lines by default, one JSON object per line with
 * {@code --log-format json}. It must run before any logger is created, so it reads the raw arguments.
 */
final class LogSetup {
    private LogSetup() {}

    static void configure(List<String> args) {
        boolean json = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--log-format=json")
                    || (arg.equals("--log-format")
                            && i + 1 < args.size()
                            && args.get(i + 1).equalsIgnoreCase("json"))) {
                json = true;
            }
        }
        if (json && System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "logback-json.xml");
        }
    }
}
