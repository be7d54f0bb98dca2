package io.github.chanuka.database.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's configuration reference and the generated metadata list the same keys,
 * and every key has a description.
 */
class ConfigurationReferenceTests {

	private static final Pattern README_KEY = Pattern.compile("^\\| `(chanuka\\.database\\.[a-z0-9.\\-\\[\\]*]+)` \\|",
			Pattern.MULTILINE);

	@Test
	void readmeReferenceListsExactlyTheMetadataKeys() throws IOException {
		String readme = Files.readString(Path.of("..", "README.md"));
		Set<String> documented = new TreeSet<>();
		Matcher matcher = README_KEY.matcher(readme);
		while (matcher.find()) {
			documented.add(matcher.group(1));
		}
		List<String> ours = metadata("$.properties[*].name").stream()
			.filter((name) -> name.startsWith("chanuka.database."))
			.toList();
		assertThat(documented).containsExactlyInAnyOrderElementsOf(ours);
	}

	@Test
	void everyPropertyHasADescription() throws IOException {
		List<String> undocumented = metadata("$.properties[?(!@.description)].name");
		assertThat(undocumented).isEmpty();
	}

	private List<String> metadata(String path) throws IOException {
		try (InputStream json = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(json).as("generated metadata").isNotNull();
			return JsonPath.read(new String(json.readAllBytes(), StandardCharsets.UTF_8), path);
		}
	}

}
