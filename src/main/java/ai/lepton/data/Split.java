package ai.lepton.data;

/**
 * A dataset divided in two, as returned by {@link Dataset#split(double, long)}.
 *
 * @param train the samples to fit on
 * @param test the held-out samples
 */
public record Split(Dataset train, Dataset test) {
}
