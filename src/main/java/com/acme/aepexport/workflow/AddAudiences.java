package com.acme.aepexport.workflow;

import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.stereotype.Component;

import com.acme.aepexport.adobe.FlowPatch;
import com.acme.aepexport.adobe.SegmentSelector;
import com.acme.aepexport.export.EntityRef;
import com.acme.aepexport.export.ExportSpec;
import com.acme.aepexport.export.ExportSpec.Audience;
import com.acme.aepexport.export.ExportSpec.ExportMode;
import com.acme.aepexport.export.ExportSpec.Schedule;
import com.acme.aepexport.export.ExportSpec.Trigger;
import com.acme.aepexport.export.StepName;

/**
 * Adds every audience to the dataflow as a segment selector carrying its own schedule:
 * one {@code add} operation per audience, all in one PATCH. An audience the flow already
 * has is not added again.
 */
@Component
class AddAudiences implements Step {

	private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");

	private final FlowChange flowChange;

	AddAudiences(FlowChange flowChange) {
		this.flowChange = flowChange;
	}

	@Override
	public StepName name() {
		return StepName.AUDIENCES;
	}

	@Override
	public EntityRef run(StepContext context) {
		List<SegmentSelector.Value> audiences = selectors(context.spec());
		return this.flowChange.apply(context, (flow) -> FlowPatch.addAudiences(flow, audiences));
	}

	/** The export's audiences as Adobe's segment selectors, each with its schedule. */
	static List<SegmentSelector.Value> selectors(ExportSpec spec) {
		return spec.audiences().stream().map(AddAudiences::selector).toList();
	}

	static SegmentSelector.Value selector(Audience audience) {
		Schedule schedule = audience.schedule();
		return new SegmentSelector.Value(audience.id(), audience.name(), audience.filenameTemplate(),
				schedule.exportMode().name(), schedule(schedule));
	}

	/**
	 * Adobe's trigger type exists for full exports only; {@code startTime} goes with a
	 * scheduled trigger and is left out after segment evaluation.
	 */
	private static SegmentSelector.Schedule schedule(Schedule schedule) {
		boolean full = schedule.exportMode() == ExportMode.DAILY_FULL_EXPORT;
		Trigger trigger = full ? schedule.trigger() : null;
		String triggerType = (trigger == null) ? null : switch (trigger) {
			case SCHEDULED -> "SCHEDULED";
			case AFTER_SEGMENT_EVALUATION -> "AFTER_SEGMENT_EVAL";
		};
		String startTime = (trigger == Trigger.AFTER_SEGMENT_EVALUATION || schedule.startTime() == null) ? null
				: schedule.startTime().format(HOUR);
		return new SegmentSelector.Schedule(schedule.frequency().name(), triggerType, schedule.startDate().toString(),
				(schedule.endDate() != null) ? schedule.endDate().toString() : null, startTime);
	}

}
