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
import com.acme.aepexport.export.StepName;

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
		assertThat(StepTable.teardownOrder()).containsExactly(DATAFLOW, MAPPING_SET, OUTPUT_SCHEMA, INPUT_SCHEMA,
				TARGET_CONNECTION, BASE_CONNECTION, SOURCE_CONNECTION);
	}

	@Test
	void theFlowChangesFollowTheDataflowInTableOrder() {
		assertThat(StepTable.flowChain()).containsExactly(DATAFLOW, AUDIENCES, ATTACH_MAPPING, MANDATORY_FIELDS,
				DEDUPLICATION_KEYS);
	}

	/** README's diagram is the table's; when they differ, this prints the new one. */
	@Test
	void readmeShowsTheTable() throws IOException {
		String readme = Files.readString(Path.of("README.md"));
		String begin = "<!-- steps: generated from StepTable by StepGraphTest -->\n```mermaid\n";
		int start = readme.indexOf(begin);
		assertThat(start).as("README's steps diagram, after the line %s", begin.lines().findFirst().orElseThrow())
			.isNotNegative();
		int end = readme.indexOf("```", start + begin.length());
		assertThat(readme.substring(start + begin.length(), end))
			.as("README's diagram; the table's is%n%s", StepTable.mermaid())
			.isEqualTo(StepTable.mermaid());
	}

	@Test
	void everyCreateStepFindsAndDeletesItsEntityAndNoOtherDoes() {
		assertThat(this.graph.steps())
			.allSatisfy((step) -> assertThat(step instanceof Step.Creates).as("%s", step.name())
				.isEqualTo(StepTable.of(step.name()).kind() == StepTable.Kind.CREATE));
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
	void theFlowPatchesFollowEachOther() {
		Set<StepName> done = EnumSet
			.complementOf(EnumSet.of(AUDIENCES, ATTACH_MAPPING, MANDATORY_FIELDS, DEDUPLICATION_KEYS));

		assertThat(this.graph.ready(done, Set.of())).extracting(Step::name).containsExactly(AUDIENCES);
	}

	@Test
	void aGraphWithAMissingStepOrAStepOfTheWrongKindIsRefused() {
		assertThatThrownBy(() -> new StepGraph(allSteps().subList(1, 13))).hasMessageContaining("exactly one class");

		List<Step> steps = new ArrayList<>(allSteps());
		steps.set(1, new FakeStep(SOURCE_CONNECTION));
		assertThatThrownBy(() -> new StepGraph(steps)).hasMessageContaining(
				"SOURCE_CONNECTION is a CREATE step in the table, and its class FakeStep says otherwise");
	}

	/** The production steps; their clients are never called here. */
	static List<Step> allSteps() {
		return List.of(new LoadConnectionSpec(null, null), new CreateSourceConnection(null),
				new CreateBaseConnection(null, null, null), new CreateTargetConnection(null, null),
				new CreateDataflow(null, null), new AddAudiences(null), new LoadProfileSchema(null),
				new CreateInputSchema(null, null), new CreateOutputSchema(null, null, null), new CreateMappingSet(null),
				new AttachMapping(null), new SetMandatoryFields(null), new SetDeduplicationKeys(null));
	}

	record FakeStep(StepName name) implements Step {

		@Override
		public EntityRef run(StepContext context) {
			return EntityRef.none();
		}

	}

}
