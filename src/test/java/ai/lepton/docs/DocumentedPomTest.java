package ai.lepton.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The complete pom.xml that docs/01-getting-started.md shows is the one the consumer integration
 * test builds (src/it/consumer, run by `mvn verify`), word for word but the version Maven fills in:
 * what a new user copies from the docs is what the build proves works.
 */
class DocumentedPomTest {
    private static final Pattern XML = Pattern.compile("(?s)```xml\\n(<\\?xml.*?)```");

    @Test
    void theConsumerIntegrationTestBuildsThePomTheGettingStartedPageShows() throws IOException {
        String page = Files.readString(Path.of("docs/01-getting-started.md"));
        Matcher m = XML.matcher(page);
        assertTrue(m.find(), "docs/01-getting-started.md shows no complete pom.xml");
        String documented = m.group(1).replace("<version>0.1.0-SNAPSHOT</version>", "<version>@project.version@</version>");
        assertEquals(documented, Files.readString(Path.of("src/it/consumer/pom.xml")));
    }
}
