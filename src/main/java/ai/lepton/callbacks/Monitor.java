package ai.lepton.callbacks;

import java.util.Locale;

/**
 * Which way a monitored quantity improves, as Keras's {@code mode}: {@code "min"},
 * {@code "max"}, or {@code "auto"}, which means max for accuracies, precision, recall and AUC and
 * min for everything else (losses, errors).
 */
final class Monitor {
    private Monitor() {
    }

    /**
     * @param caller the callback, for the message
     * @param mode {@code "auto"}, {@code "min"} or {@code "max"}
     * @return the mode, checked
     */
    static String checkMode(String caller, String mode) {
        if (!"auto".equals(mode) && !"min".equals(mode) && !"max".equals(mode)) {
            throw new IllegalArgumentException(caller + ": mode must be 'auto', 'min' or 'max'. Received: mode=" + mode);
        }
        return mode;
    }

    /**
     * @param mode {@code "auto"}, {@code "min"} or {@code "max"}
     * @param monitor the monitored key, e.g. {@code "val_accuracy"}
     * @return whether larger values are better
     */
    static boolean maximizes(String mode, String monitor) {
        if (!"auto".equals(mode)) {
            return "max".equals(mode);
        }
        String m = monitor.toLowerCase(Locale.ROOT);
        return m.contains("acc") || m.contains("precision") || m.contains("recall") || m.contains("auc");
    }
}
