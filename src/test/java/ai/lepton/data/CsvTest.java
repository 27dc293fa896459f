package ai.lepton.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
    private static final Path DATA = Path.of("data");

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void firstColumnIsTheLabelByDefaultAndNumericRowsHaveNoHeader() throws IOException {
        Dataset d = Csv.read(write("a.csv", "1,0.5,2\n0,1.5,3\n"));
        assertArrayEquals(new int[] {2, 2}, d.x().shape());
        assertArrayEquals(new double[] {0.5, 2, 1.5, 3}, d.x().toArray());
        assertArrayEquals(new double[] {1, 0}, d.y().toArray());
        assertEquals(List.of(), d.classNames());
    }

    @Test
    void headerIsDetectedAndWordLabelsAreNumberedInSortedOrder() throws IOException {
        Path file = write("iris.csv", "a,b,species\n1,2,virginica\n3,4,setosa\n5,6,versicolor\n7,8,setosa\n");
        Dataset d = Csv.read(file, CsvOptions.create().labelColumn("species"));
        assertEquals(List.of("setosa", "versicolor", "virginica"), d.classNames());
        assertArrayEquals(new double[] {2, 0, 1, 0}, d.y().toArray());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, d.x().toArray());
    }

    @Test
    void labelColumnByIndexByNegativeIndexAndLast() throws IOException {
        Path file = write("a.csv", "1,2,3\n4,5,6\n");
        assertArrayEquals(new double[] {2, 5}, Csv.read(file, CsvOptions.create().labelColumn(1)).y().toArray());
        assertArrayEquals(new double[] {3, 6}, Csv.read(file, CsvOptions.create().labelColumn(-1)).y().toArray());
        Dataset last = Csv.read(file, CsvOptions.create().labelLast());
        assertArrayEquals(new double[] {3, 6}, last.y().toArray());
        assertArrayEquals(new double[] {1, 2, 4, 5}, last.x().toArray());
    }

    @Test
    void headerOverrideTreatsANumericFirstRowAsNames() throws IOException {
        Path file = write("a.csv", "9,9,9\n1,2,3\n");
        assertEquals(1, Csv.read(file, CsvOptions.create().header(true)).size());
        assertEquals(2, Csv.read(file).size());
    }

    @Test
    void headerOverrideFalseReadsTheFirstRowAsData() throws IOException {
        Path file = write("a.csv", "x,1,2\ny,3,4\n");
        Dataset d = Csv.read(file, CsvOptions.create().header(false));
        assertEquals(List.of("x", "y"), d.classNames());
        assertEquals(2, d.size());
    }

    @Test
    void quotedFieldsFollowRfc4180() throws IOException {
        Path file = write("q.csv", "\"label\",\"f1\",f2\r\n\"a, \"\"quoted\"\"\nlabel\",\"1.5\",2\r\nb,3,4\r\n");
        Dataset d = Csv.read(file);
        assertEquals(List.of("a, \"quoted\"\nlabel", "b"), d.classNames());
        assertArrayEquals(new double[] {1.5, 2, 3, 4}, d.x().toArray());
    }

    @Test
    void lineNumbersCountLineBreaksInsideQuotes() throws IOException {
        Path file = write("q.csv", "\"multi\nline\",1\nb,oops\n");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> Csv.read(file, CsvOptions.create().header(false)));
        assertEquals(3, e.line());
        assertEquals(2, e.column());
    }

    @Test
    void otherDelimitersBlankLinesCarriageReturnsAndNoTrailingNewline() throws IOException {
        Dataset semi = Csv.read(write("s.csv", "\n1;2\r\n\r\n  \n0;3"), CsvOptions.create().delimiter(';'));
        assertArrayEquals(new double[] {1, 0}, semi.y().toArray());
        assertArrayEquals(new double[] {2, 3}, semi.x().toArray());
        Dataset tab = Csv.read(write("t.tsv", "1\t2\n0\t3\n"), CsvOptions.create().delimiter('\t'));
        assertArrayEquals(new double[] {2, 3}, tab.x().toArray());
    }

    @Test
    void byteOrderMarkAndSpacesAroundNumbersAreAccepted() throws IOException {
        Dataset d = Csv.read(write("bom.csv", "\uFEFFlabel,x\n1, 2.5 \n"));
        assertArrayEquals(new double[] {2.5}, d.x().toArray());
    }

    @Test
    void numbersParseExactlyAsJavaDoes() throws IOException {
        String[] cells = {"0.1", "-0.0375", "1e-3", "12345678901234567890", "3.141592653589793238", "+7", "NaN"};
        Dataset d = Csv.read(write("n.csv", "0," + String.join(",", cells) + "\n"));
        for (int i = 0; i < cells.length; i++) {
            assertEquals(Double.parseDouble(cells[i]), d.x().get(0, i), cells[i]);
        }
    }

    @Test
    void numbersFollowTheDecimalGrammarOfPandasNotJava() throws IOException {
        String[] cells = {"7.", ".5", "-1E+2", "nan", "-NaN", "inf", "-Infinity", "\t3\t"};
        double[] expected = {7, 0.5, -100, Double.NaN, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, 3};
        Dataset d = Csv.read(write("g.csv", "0," + String.join(",", cells) + "\n"));
        assertArrayEquals(expected, d.x().toArray());
        for (String bad : new String[] {"1f", "2d", "0x1p3", "1_000", "1e", "--1", "infinityy", "0x10"}) {
            DataFormatException e = assertThrows(DataFormatException.class,
                    () -> Csv.read(write("bad.csv", "0,1,2\n1," + bad + ",3\n")), bad);
            assertEquals(2, e.line(), bad);
            assertEquals(2, e.column(), bad);
            assertTrue(e.getMessage().contains("\"" + bad + "\" is not a number"), e.getMessage());
        }
    }

    @Test
    void divideByAndReshapeMakeImageTensors() throws IOException {
        Dataset d = Csv.read(write("img.csv", "3,0,51,102,255\n1,255,0,0,0\n"),
                CsvOptions.create().divideBy(255).reshape(2, 2, 1));
        assertArrayEquals(new int[] {2, 2, 2, 1}, d.x().shape());
        assertEquals(0.2, d.x().get(0, 0, 1, 0));
        assertEquals(1.0, d.x().get(0, 1, 1, 0));
        assertArrayEquals(new int[] {2, 2, 1}, d.sampleShape());
    }

    @Test
    void reshapeThatDoesNotFitTheColumnsNamesBoth() throws IOException {
        Path file = write("img.csv", "3,0,51,102\n");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> Csv.read(file, CsvOptions.create().reshape(2, 2, 1)));
        assertTrue(e.getMessage().contains("(2, 2, 1)") && e.getMessage().contains("has 3"), e.getMessage());
    }

    @Test
    void oneHotLabels() throws IOException {
        Dataset d = Csv.read(write("a.csv", "2,0\n0,1\n"), CsvOptions.create().oneHot());
        assertArrayEquals(new int[] {2, 3}, d.y().shape());
        assertArrayEquals(new double[] {0, 0, 1, 1, 0, 0}, d.y().toArray());
    }

    @Test
    void regressionTargetIsAColumnOfRealValues() throws IOException {
        Dataset d = Csv.read(write("r.csv", "x,target\n1,151.5\n2,-75\n"), CsvOptions.create().labelLast().regression());
        assertArrayEquals(new int[] {2, 1}, d.y().shape());
        assertArrayEquals(new double[] {151.5, -75}, d.y().toArray());
    }

    @Test
    void realValuedLabelWithoutRegressionSuggestsIt() throws IOException {
        Path file = write("r.csv", "x,target\n1,2\n2,151.5\n");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> Csv.read(file, CsvOptions.create().labelLast()));
        assertEquals(3, e.line());
        assertEquals(2, e.column());
        assertTrue(e.getMessage().contains("\"151.5\"") && e.getMessage().contains("regression()"), e.getMessage());
    }

    @Test
    void anEmptyLabelCellInANumericColumnIsAnErrorNotARetyping() throws IOException {
        Path file = write("e.csv", "2,0.5\n10,1.5\n,2.5\n3,3.5\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> Csv.read(file));
        assertEquals(3, e.line());
        assertEquals(1, e.column());
        assertTrue(e.getMessage().contains("empty label cell"), e.getMessage());
    }

    @Test
    void aTypoInANumericLabelColumnNamesTheCellAndTheRule() throws IOException {
        Path file = write("t.csv", "y,x\n2,0.5\n10,1.5\n1O,2.5\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> Csv.read(file));
        assertEquals(4, e.line());
        assertEquals(1, e.column());
        assertTrue(e.getMessage().contains("\"1O\" is not a number") && e.getMessage().contains("class indices")
                && e.getMessage().contains("\"2\" on line 2"), e.getMessage());
    }

    @Test
    void aNumberInANameColumnIsAnError() throws IOException {
        Path file = write("n.csv", "cat,1\ndog,2\n3,3\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> Csv.read(file));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("class names") && e.getMessage().contains("classNames("), e.getMessage());
    }

    @Test
    void numericLabelsAreIndicesNotSortedText() throws IOException {
        Dataset d = Csv.read(write("i.csv", "2,0\n10,0\n3,0\n"));
        assertArrayEquals(new double[] {2, 10, 3}, d.y().toArray());
        assertEquals(11, d.numClasses());
    }

    @Test
    void bytesThatAreNotUtf8AreAnErrorNamingTheLine() throws IOException {
        Path file = dir.resolve("latin1.csv");
        Files.write(file, "label,x\ncaf\u00e9,1\ncaf\u00e8,2\n".getBytes(StandardCharsets.ISO_8859_1));
        DataFormatException e = assertThrows(DataFormatException.class, () -> Csv.read(file));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("0xE9") && e.getMessage().contains("UTF-8")
                && e.getMessage().contains("charset("), e.getMessage());
    }

    @Test
    void aBadByteFarIntoTheFileNamesItsOwnLine() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append(i % 3).append(",0.5\n");
        }
        Path file = dir.resolve("far.csv");
        byte[] good = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'1', ',', (byte) 0xFF, '\n'};
        byte[] all = Arrays.copyOf(good, good.length + bad.length);
        System.arraycopy(bad, 0, all, good.length, bad.length);
        Files.write(file, all);
        DataFormatException e = assertThrows(DataFormatException.class, () -> Csv.read(file));
        assertEquals(20_001, e.line());
        assertTrue(e.getMessage().contains("0xFF"), e.getMessage());
    }

    @Test
    void anExplicitCharsetKeepsLatin1LabelsApart() throws IOException {
        Path file = dir.resolve("latin1.csv");
        Files.write(file, "label,x\ncaf\u00e9,1\ncaf\u00e8,2\n".getBytes(StandardCharsets.ISO_8859_1));
        Dataset d = Csv.read(file, CsvOptions.create().charset(StandardCharsets.ISO_8859_1));
        assertEquals(List.of("caf\u00e8", "caf\u00e9"), d.classNames());
        assertArrayEquals(new double[] {1, 0}, d.y().toArray());
    }

    @Test
    void aTestFileReadWithTheTrainingClassesKeepsTheirNumbersWhenOneIsMissing() throws IOException {
        CsvOptions labels = CsvOptions.create().labelLast();
        DataLoader train = DataLoader.csv(write("train.csv", "1,ant\n2,bee\n3,cat\n"), labels);
        assertEquals(List.of("ant", "bee", "cat"), train.classNames());
        Path testFile = write("test.csv", "4,cat\n5,ant\n");
        assertArrayEquals(new double[] {1, 0}, Csv.read(testFile, labels).y().toArray(),
                "without the training classes, the test file numbers its own two classes");
        Dataset test = Csv.read(testFile, CsvOptions.create().labelLast().classNames(train.classNames()));
        assertArrayEquals(new double[] {2, 0}, test.y().toArray());
        assertEquals(List.of("ant", "bee", "cat"), test.classNames());
        assertEquals(3, test.toCategorical().y().shape()[1]);
    }

    @Test
    void aClassTheTrainingSetNeverHadIsAnErrorNamingIt() throws IOException {
        Dataset train = Csv.read(write("train.csv", "1,ant\n2,bee\n"), CsvOptions.create().labelLast());
        Path testFile = write("test.csv", "4,bee\n5,wasp\n");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> Csv.read(testFile, CsvOptions.create().labelLast().classNames(train.classNames())));
        assertEquals(2, e.line());
        assertEquals(2, e.column());
        assertTrue(e.getMessage().contains("\"wasp\" is not one of the classes [ant, bee]"), e.getMessage());
    }

    @Test
    void classNamesMustBeDistinct() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvOptions.create().classNames(List.of("a", "b", "a")));
        assertTrue(e.getMessage().contains("[a, b, a]"), e.getMessage());
    }

    @Test
    void aHugeFieldIsAnErrorAtTheDefaultLimit() throws IOException {
        Path file = write("huge.csv", "1,2\n0," + "9".repeat(CsvOptions.DEFAULT_FIELD_SIZE_LIMIT + 1) + "\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> Csv.read(file));
        assertEquals(2, e.line());
        assertEquals(2, e.column());
        assertTrue(e.getMessage().contains("longer than 131072 characters") && e.getMessage().contains("fieldSizeLimit"),
                e.getMessage());
    }

    @Test
    void theFieldSizeLimitIsConfigurableAndNamesAnUnclosedQuote() throws IOException {
        Path file = write("q.csv", "1,2\n0,\"3\n1,4\n1,5\n");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> Csv.read(file, CsvOptions.create().fieldSizeLimit(4)));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("longer than 4 characters") && e.getMessage().contains("never closed"),
                e.getMessage());
        assertEquals(2, Csv.read(write("ok.csv", "1,22\n0,3333\n"), CsvOptions.create().fieldSizeLimit(4)).size());
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.create().fieldSizeLimit(0));
    }

    @Test
    void moreRowsThanCountedMeansTheFileGrewAndIsAnError() throws IOException {
        Path file = write("grow.csv", "1,2\n0,3\n1,4\n0,5\n");
        Csv csv = new Csv(file, CsvOptions.create());
        csv.readLayout();
        assertEquals(4, csv.countLines());
        DataFormatException e = assertThrows(DataFormatException.class, () -> csv.readRows(2));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("changed while it was read") && e.getMessage().contains("2 lines"),
                e.getMessage());
    }

    @Test
    void givenClassNamesFixTheOrderAndAcceptIndices() throws IOException {
        Path file = write("c.csv", "cat,1\ndog,2\n0,3\n");
        Dataset d = Csv.read(file, CsvOptions.create().classNames("dog", "cat"));
        assertArrayEquals(new double[] {1, 0, 0}, d.y().toArray());
        assertEquals(List.of("dog", "cat"), d.classNames());
    }

    @Test
    void labelOutsideTheGivenClassesIsAnError() throws IOException {
        Path file = write("c.csv", "cat,1\nbird,2\n");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> Csv.read(file, CsvOptions.create().classNames("dog", "cat")));
        assertEquals(2, e.line());
        assertEquals(1, e.column());
        assertTrue(e.getMessage().contains("\"bird\""), e.getMessage());
    }

    @Test
    void raggedRowNamesTheLineAndTheCounts() throws IOException {
        Path file = write("ragged.csv", "1,2,3\n4,5,6\n\n7,8\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> Csv.read(file));
        assertEquals(4, e.line());
        assertEquals(file, e.file());
        assertTrue(e.getMessage().contains("ragged.csv, line 4") && e.getMessage().contains("found 2 fields, expected 3"),
                e.getMessage());
    }

    @Test
    void nonNumericCellNamesLineColumnAndHeader() throws IOException {
        Path file = write("bad.csv", "label,width,height\n1,2,3\n0,abc,3\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> Csv.read(file));
        assertEquals(3, e.line());
        assertEquals(2, e.column());
        assertTrue(e.getMessage().contains("'width'") && e.getMessage().contains("\"abc\" is not a number"),
                e.getMessage());
    }

    @Test
    void emptyCellIsAnError() throws IOException {
        DataFormatException e = assertThrows(DataFormatException.class, () -> Csv.read(write("e.csv", "1,2,\n")));
        assertEquals(3, e.column());
        assertTrue(e.getMessage().contains("empty cell"), e.getMessage());
    }

    @Test
    void emptyFileIsAnError() throws IOException {
        Path file = write("empty.csv", "\n\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> Csv.read(file));
        assertTrue(e.getMessage().contains("empty.csv") && e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void headerWithoutRowsIsAnError() throws IOException {
        Path file = write("h.csv", "label,x,y\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> Csv.read(file));
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("no data rows"), e.getMessage());
    }

    @Test
    void unknownLabelColumnNamesTheHeader() throws IOException {
        Path file = write("h.csv", "label,x\n1,2\n");
        DataFormatException byName = assertThrows(DataFormatException.class,
                () -> Csv.read(file, CsvOptions.create().labelColumn("species")));
        assertTrue(byName.getMessage().contains("'species'") && byName.getMessage().contains("[label, x]"),
                byName.getMessage());
        DataFormatException byIndex = assertThrows(DataFormatException.class,
                () -> Csv.read(file, CsvOptions.create().labelColumn(5)));
        assertTrue(byIndex.getMessage().contains("label column 5 is out of range"), byIndex.getMessage());
    }

    @Test
    void unclosedQuoteNamesTheLineWhereItOpened() throws IOException {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> Csv.read(write("q.csv", "1,2\n0,\"3\n")));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("never closed"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path file = dir.resolve("nope.csv");
        DataFormatException e = assertThrows(DataFormatException.class, () -> Csv.read(file));
        assertTrue(e.getMessage().contains("nope.csv: no such file"), e.getMessage());
    }

    @Test
    void skipBadRowsDropsOnlyWhenAsked() throws IOException {
        Path file = write("bad.csv", "1,2\n0,x\n1\n0,4\n");
        Dataset d = Csv.read(file, CsvOptions.create().skipBadRows());
        assertArrayEquals(new double[] {2, 4}, d.x().toArray());
        assertThrows(DataFormatException.class, () -> Csv.read(file));
    }

    @Test
    void readsTheBundledDigits() {
        Dataset d = Csv.read(Path.of("data/digits.csv"), CsvOptions.create().labelLast());
        assertArrayEquals(new int[] {1797, 64}, d.x().shape());
        assertEquals(10, d.numClasses());
        assertEquals(0, d.y().get(0));
        assertEquals(8, d.y().get(1796));
    }

    @Test
    void readsSharedIris() {
        Dataset d = shipped("iris.csv", CsvOptions.create().labelColumn("species"));
        assertArrayEquals(new int[] {150, 4}, d.x().shape());
        assertEquals(List.of("setosa", "versicolor", "virginica"), d.classNames());
        assertEquals(5.1, d.x().get(0, 0));
        assertEquals(2, d.y().get(149));
    }

    @Test
    void readsSharedWineAndBreastCancerWithLabelLast() {
        Dataset wine = shipped("wine.csv", CsvOptions.create().labelLast());
        assertArrayEquals(new int[] {178, 13}, wine.x().shape());
        assertEquals(3, wine.numClasses());
        assertEquals(1065, wine.x().get(0, 12));
        Dataset cancer = shipped("breast_cancer.csv", CsvOptions.create().labelColumn("malignant0_benign1"));
        assertArrayEquals(new int[] {569, 30}, cancer.x().shape());
        assertEquals(2, cancer.numClasses());
    }

    @Test
    void readsSharedDiabetesAsRegression() {
        Dataset d = shipped("diabetes.csv", CsvOptions.create().labelColumn("progression").regression());
        assertArrayEquals(new int[] {442, 10}, d.x().shape());
        assertArrayEquals(new int[] {442, 1}, d.y().shape());
        assertEquals(151, d.y().get(0, 0));
        assertEquals(4.8598, d.x().get(0, 8));
    }

    @Test
    void readsShippedDigitsWithoutHeaderLabelLast() {
        Dataset d = shipped("digits.csv", CsvOptions.create().labelLast());
        assertArrayEquals(new int[] {1797, 64}, d.x().shape());
        assertEquals(Csv.read(Path.of("data/digits.csv"), CsvOptions.create().labelLast()).y().toArray().length,
                d.size());
    }

    private static Dataset shipped(String name, CsvOptions options) {
        return Csv.read(DATA.resolve(name), options);
    }
}
