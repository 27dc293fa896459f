package ai.lepton.autograd;

/** Whether ops record themselves on the current thread; switched off inside {@link NoGrad}. */
final class GradMode {
    private static final ThreadLocal<int[]> DISABLED_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private GradMode() {
    }

    static boolean isEnabled() {
        return DISABLED_DEPTH.get()[0] == 0;
    }

    static void disable() {
        DISABLED_DEPTH.get()[0]++;
    }

    static void restore() {
        DISABLED_DEPTH.get()[0]--;
    }
}
