package ai.lepton.spark;

import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Reads numbers out of DataFrame rows: a numeric column (one value) or an array of numbers
 * ({@code array<double>}, {@code array<float>}, {@code array<int>}, ...), reporting anything
 * else as a {@link BadRecordException} with the row's partition and position.
 */
final class Rows {
    private Rows() {
    }

    /**
     * @param row the row
     * @param field the column's index in the row
     * @param column the column's name, for messages
     * @param partition the row's partition
     * @param position the row's 0-based position in the partition
     * @return the values
     * @throws BadRecordException if the value is null, not numeric, or holds a null
     */
    static double[] numbers(Row row, int field, String column, int partition, long position) {
        if (row.isNullAt(field)) {
            throw new BadRecordException(partition, position, "column '" + column + "' is null");
        }
        Object value = row.get(field);
        if (value instanceof Number number) {
            return new double[] {number.doubleValue()};
        }
        if (value instanceof scala.collection.Seq<?>) {
            List<Object> list = row.getList(field);
            double[] out = new double[list.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(list.get(i) instanceof Number number)) {
                    throw new BadRecordException(partition, position, "column '" + column + "' holds " + list.get(i)
                            + " at index " + i + ", not a number");
                }
                out[i] = number.doubleValue();
            }
            return out;
        }
        throw new BadRecordException(partition, position, "column '" + column + "' holds a "
                + value.getClass().getSimpleName() + "; expected a number or an array of numbers");
    }

    /**
     * @param row a row with the features column at index 0 and the label column at index 1
     * @param featuresCol the features column's name
     * @param labelCol the label column's name
     * @param partition the row's partition
     * @param position the row's 0-based position in the partition
     * @return the example
     */
    static LabeledExample example(Row row, String featuresCol, String labelCol, int partition, long position) {
        double[] label = numbers(row, 1, labelCol, partition, position);
        if (label.length == 0) {
            throw new BadRecordException(partition, position, "column '" + labelCol + "' is an empty array");
        }
        return LabeledExample.of(numbers(row, 0, featuresCol, partition, position), label);
    }
}
