package com.acme.aepexport.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.acme.aepexport.export.EntityRef;
import com.acme.aepexport.export.ExportSpec;
import com.acme.aepexport.export.StepName;
import com.acme.aepexport.support.ExportSpecs;

import static com.acme.aepexport.export.StepName.ATTACH_MAPPING;
import static com.acme.aepexport.export.StepName.AUDIENCES;
import static com.acme.aepexport.export.StepName.BASE_CONNECTION;
import static com.acme.aepexport.export.StepName.CONNECTION_SPEC;
import static com.acme.aepexport.export.StepName.DATAFLOW;
import static com.acme.aepexport.export.StepName.DEDUPLICATION_KEYS;
import static com.acme.aepexport.export.StepName.INPUT_SCHEMA;
import static com.acme.aepexport.export.StepName.MANDATORY_FIELDS;
import static com.acme.aepexport.export.StepName.MAPPING_SET;
import static com.acme.aepexport.export.StepName.OUTPUT_SCHEMA;
import static com.acme.aepexport.export.StepName.PROFILE_SCHEMA;
import static com.acme.aepexport.export.StepName.SOURCE_CONNECTION;
import static com.acme.aepexport.export.StepName.TARGET_CONNECTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StepGraphTest {

	private final StepGraph graph = new StepGraph(allSteps());

	@Test
	void aTeardownDeletesEachEntityBeforeThoseItUsesNewestFirst() {
		assertThat(this.graph.teardownOrder()).containsExactly(DATAFLOW, MAPPING_SET, OUTPUT_SCHEMA, INPUT_SCHEMA,
				TARGET_CONNECTION, BASE_CONNECTION, SOURCE_CONNECTION);
	}

	@Test
	void theFlowChangesFollowTheDataflowInTableOrder() {
		assertThat(this.graph.flowChain()).containsExactly(DATAFLOW, AUDIENCES, ATTACH_MAPPING, MANDATORY_FIELDS,
				DEDUPLICATION_KEYS);
	}

	/** README's diagram is the table's; when they differ, this prints the new one. */
	@Test
	void readmeShowsTheTable() throws IOException {
		String readme = Files.readString(Path.of("README.md"));
		String begin = "<!-- steps: generated from ExportSteps by StepGraphTest -->\n```mermaid\n";
		int start = readme.indexOf(begin);
		assertThat(start).as("README's steps diagram, after the line %s", begin.lines().findFirst().orElseThrow())
			.isNotNegative();
		int end = readme.indexOf("```", start + begin.length());
		assertThat(readme.substring(start + begin.length(), end))
			.as("README's diagram; the table's is%n%s", this.graph.mermaid())
			.isEqualTo(this.graph.mermaid());
	}

	@Test
	void everyCreateStepFindsAndDeletesItsEntityAndNoOtherDoes() {
		assertThat(this.graph.steps()).allSatisfy((step) -> assertThat(step.find() != null && step.delete() != null)
			.as("%s finds and deletes", step.name())
			.isEqualTo(step.kind() == Step.Kind.CREATE));
		assertThat(this.graph.steps().stream().filter((step) -> step.kind() == Step.Kind.CREATE && !step.deletable()))
			.as("what Adobe cannot delete")
			.extracting(Step::name)
			.containsExactly(INPUT_SCHEMA, OUTPUT_SCHEMA);
	}

	@Test
	void theIndependentStepsAreReadyTogetherAtTheStart() {
		assertThat(this.graph.ready(Set.of(), Set.of())).extracting(Step::name)
			.containsExactly(CONNECTION_SPEC, SOURCE_CONNECTION, PROFILE_SCHEMA);
	}

	@Test
	void aStepIsReadyOnceAllItNeedsIsDoneAndNotBefore() {
		Set<StepName> done = EnumSet.of(CONNECTION_SPEC, SOURCE_CONNECTION, PROFILE_SCHEMA, BASE_CONNECTION);
		Set<StepName> started = EnumSet.of(INPUT_SCHEMA);

		assertThat(this.graph.ready(done, started)).extracting(Step::name)
			.containsExactly(TARGET_CONNECTION, OUTPUT_SCHEMA);
	}

	@Test
	void theStepOnTheLongestChainToTheEndIsReadyFirst() {
		Set<StepName> done = EnumSet.of(CONNECTION_SPEC, PROFILE_SCHEMA);

		// The base connection has the target, the dataflow and its four changes after it;
		// the source connection is one step shorter, each schema two.
		assertThat(this.graph.ready(done, Set.of())).extracting(Step::name)
			.containsExactly(BASE_CONNECTION, SOURCE_CONNECTION, INPUT_SCHEMA, OUTPUT_SCHEMA);
	}

	@Test
	void theFlowPatchesFollowEachOther() {
		Set<StepName> done = EnumSet
			.complementOf(EnumSet.of(AUDIENCES, ATTACH_MAPPING, MANDATORY_FIELDS, DEDUPLICATION_KEYS));

		assertThat(this.graph.ready(done, Set.of())).extracting(Step::name).containsExactly(AUDIENCES);
	}

	/**
	 * What a plan lists: the order the runner starts steps in when each takes as long,
	 * those that start together in the runner's order.
	 */
	@Test
	void oneExportRunsItsStepsInTheOrderTheRunnerStartsThem() {
		assertThat(this.graph.runOrder(ExportSpecs.amazonS3().withSandbox("prod"))).extracting(Step::name)
			.as("without mandatory fields or keys")
			.containsExactly(CONNECTION_SPEC, SOURCE_CONNECTION, PROFILE_SCHEMA, BASE_CONNECTION, OUTPUT_SCHEMA,
					INPUT_SCHEMA, TARGET_CONNECTION, MAPPING_SET, DATAFLOW, AUDIENCES, ATTACH_MAPPING);
		ExportSpec s3 = ExportSpecs.amazonS3();
		ExportSpec withKeys = new ExportSpec(s3.name(), s3.sandbox(), s3.destination(), s3.file(), s3.audiences(),
				s3.mapping(), List.of("Email"), List.of(new ExportSpec.IdentityKey("Email")));
		assertThat(this.graph.runOrder(withKeys)).extracting(Step::name)
			.endsWith(ATTACH_MAPPING, MANDATORY_FIELDS, DEDUPLICATION_KEYS)
			.hasSize(13);
		ExportSpec keysOnly = new ExportSpec(s3.name(), s3.sandbox(), s3.destination(), s3.file(), s3.audiences(),
				s3.mapping(), List.of(), List.of(new ExportSpec.IdentityKey("Email")));
		assertThat(this.graph.runOrder(keysOnly)).extracting(Step::name)
			.as("a skipped step holds back nothing")
			.endsWith(ATTACH_MAPPING, DEDUPLICATION_KEYS)
			.doesNotContain(MANDATORY_FIELDS);
	}

	@Test
	void aStepTheExportDoesNotNeedIsSkippedAndWhatItHeldBackStarts() {
		Set<StepName> done = EnumSet.complementOf(EnumSet.of(MANDATORY_FIELDS, DEDUPLICATION_KEYS));
		Set<StepName> started = EnumSet.copyOf(done);
		List<StepName> skipped = new ArrayList<>();
		ExportSpec s3 = ExportSpecs.amazonS3();
		ExportSpec keysOnly = new ExportSpec(s3.name(), s3.sandbox(), s3.destination(), s3.file(), s3.audiences(),
				s3.mapping(), List.of(), List.of(new ExportSpec.IdentityKey("Email")));

		assertThat(this.graph.toStart(keysOnly, done, started, skipped::add)).extracting(Step::name)
			.containsExactly(DEDUPLICATION_KEYS);
		assertThat(skipped).containsExactly(MANDATORY_FIELDS);
		assertThat(done).contains(MANDATORY_FIELDS).doesNotContain(DEDUPLICATION_KEYS);
		assertThat(started).contains(MANDATORY_FIELDS, DEDUPLICATION_KEYS);
	}

	@Test
	void aTableWithAMissingStepOrANeedOutOfOrderIsRefused() {
		assertThatThrownBy(() -> new StepGraph(allSteps().subList(1, 13)))
			.hasMessageContaining("exactly one row per step");

		List<Step> steps = new ArrayList<>(allSteps());
		steps.set(0, Step.read(CONNECTION_SPEC, Set.of(SOURCE_CONNECTION), (context) -> EntityRef.none()));
		assertThatThrownBy(() -> new StepGraph(steps))
			.hasMessageContaining("CONNECTION_SPEC needs SOURCE_CONNECTION, which comes after it");
	}

	/** The production table; its clients are never called here. */
	static List<Step> allSteps() {
		return new ExportSteps(null, null, null, null, null, null).table();
	}

}
