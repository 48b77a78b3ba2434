package com.acme.aepexport.workflow;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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
	void theGraphIsTheTableOfSpecSection2() {
		Map<StepName, Set<StepName>> needs = this.graph.steps()
			.stream()
			.collect(Collectors.toMap(Step::name, Step::needs));

		assertThat(needs).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(Map.entry(CONNECTION_SPEC, Set.of()),
				Map.entry(SOURCE_CONNECTION, Set.of()), Map.entry(BASE_CONNECTION, Set.of(CONNECTION_SPEC)),
				Map.entry(TARGET_CONNECTION, Set.of(BASE_CONNECTION)),
				Map.entry(DATAFLOW, Set.of(SOURCE_CONNECTION, TARGET_CONNECTION)),
				Map.entry(AUDIENCES, Set.of(DATAFLOW)), Map.entry(PROFILE_SCHEMA, Set.of()),
				Map.entry(INPUT_SCHEMA, Set.of(PROFILE_SCHEMA)), Map.entry(OUTPUT_SCHEMA, Set.of(CONNECTION_SPEC)),
				Map.entry(MAPPING_SET, Set.of(INPUT_SCHEMA, OUTPUT_SCHEMA)),
				Map.entry(ATTACH_MAPPING, Set.of(AUDIENCES, MAPPING_SET)),
				Map.entry(MANDATORY_FIELDS, Set.of(ATTACH_MAPPING)),
				Map.entry(DEDUPLICATION_KEYS, Set.of(MANDATORY_FIELDS))));
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
	void aGraphWithAMissingStepOrANeedOutOfOrderIsRefused() {
		assertThatThrownBy(() -> new StepGraph(allSteps().subList(1, 13))).hasMessageContaining("exactly one class");

		List<Step> steps = new java.util.ArrayList<>(allSteps());
		steps.set(0, new FakeStep(CONNECTION_SPEC, Set.of(SOURCE_CONNECTION)));
		assertThatThrownBy(() -> new StepGraph(steps))
			.hasMessageContaining("CONNECTION_SPEC needs SOURCE_CONNECTION, which comes after it");
	}

	/** The production steps; their clients are never called here. */
	static List<Step> allSteps() {
		return List.of(new LoadConnectionSpec(null, null), new CreateSourceConnection(null),
				new CreateBaseConnection(null, null, null), new CreateTargetConnection(null, null),
				new CreateDataflow(null, null), new AddAudiences(null), new LoadProfileSchema(null),
				new CreateInputSchema(null, null), new CreateOutputSchema(null, null, null), new CreateMappingSet(null),
				new AttachMapping(null), new SetMandatoryFields(null), new SetDeduplicationKeys(null));
	}

	record FakeStep(StepName name, Set<StepName> needs) implements Step {

		@Override
		public EntityRef run(StepContext context) {
			return EntityRef.none();
		}

	}

}
