package ai.lepton.spark;

/**
 * Turns a failed Spark job back into the user's error: a {@link BadRecordException} thrown on an
 * executor reaches the driver as the cause of Spark's own exception, after Spark gave up retrying.
 */
final class Failures {
    private Failures() {
    }

    /**
     * @param e what a Spark action threw
     * @return the {@link BadRecordException} among its causes, else {@code e} itself (wrapped if checked)
     */
    static RuntimeException unwrap(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BadRecordException bad) {
                return bad;
            }
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException("Spark job failed: " + e.getMessage(), e);
    }
}
