//! Grounding and coping tools: their shape and timings (assets/tools/tools.json) with their words
//! from the message catalogue (`tool-<key>-...`), the timing model behind every pacer, and the
//! "what helped" sums.
//! Pure: elapsed time in, phase out; the UI only ticks a clock.

use std::time::Duration;

use serde::Deserialize;
use thiserror::Error;

/// Why the tool content could not be read.
#[derive(Debug, Error)]
pub enum ToolsError {
    #[error("The tools could not be read: {0}")]
    Malformed(#[from] serde_json::Error),
    #[error("The tool \"{0}\" has no steps or phases.")]
    Empty(String),
}

/// Every tool, in the order first shown.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Toolkit {
    pub tools: Vec<Tool>,
}

impl Toolkit {
    /// The tools' shape, with no words yet (see [`Toolkit::in_lang`]).
    pub fn from_json(text: &str) -> Result<Self, ToolsError> {
        let kit: Toolkit = serde_json::from_str(text)?;
        for tool in &kit.tools {
            let empty = match tool.kind {
                ToolKind::Steps => tool.step_count == 0,
                ToolKind::Paced { .. } => tool.phases.iter().all(|p| p.seconds == 0),
                ToolKind::Urge { ref minutes } => minutes.is_empty(),
                ToolKind::Comfort => false,
            };
            if empty {
                return Err(ToolsError::Empty(tool.key.clone()));
            }
        }
        Ok(kit)
    }

    pub fn find(&self, key: &str) -> Option<&Tool> {
        self.tools.iter().find(|tool| tool.key == key)
    }

    /// The same tools with every word in `lang`, from the catalogue.
    pub fn in_lang(&self, lang: crate::i18n::Lang) -> Toolkit {
        let tr = |key: String| crate::i18n::tr(lang, &key);
        Toolkit {
            tools: self
                .tools
                .iter()
                .map(|tool| {
                    let k = &tool.key;
                    Tool {
                        name: tr(format!("tool-{k}-name")),
                        summary: tr(format!("tool-{k}-summary")),
                        before: tr(format!("tool-{k}-before")),
                        steps: (1..=tool.step_count)
                            .map(|n| tr(format!("tool-{k}-step-{n}")))
                            .collect(),
                        phases: tool
                            .phases
                            .iter()
                            .enumerate()
                            .map(|(n, phase)| Phase {
                                label: tr(format!("tool-{k}-phase-{}", n + 1)),
                                ..phase.clone()
                            })
                            .collect(),
                        note: tool.has_note.then(|| tr(format!("tool-{k}-note"))),
                        ..tool.clone()
                    }
                })
                .collect(),
        }
    }
}

/// One tool.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tool {
    pub key: String,
    pub kind: ToolKind,
    /// How many steps a step-by-step tool has (their words are in the catalogue).
    #[serde(default)]
    pub step_count: usize,
    /// Whether the tool has a tip under its steps.
    #[serde(default)]
    pub has_note: bool,
    #[serde(default)]
    pub phases: Vec<Phase>,
    /// The words, filled in for a language by [`Toolkit::in_lang`].
    #[serde(skip)]
    pub name: String,
    #[serde(skip)]
    pub summary: String,
    /// What to know before starting.
    #[serde(skip)]
    pub before: String,
    #[serde(skip)]
    pub steps: Vec<String>,
    /// A tip shown under the steps, if any.
    #[serde(skip)]
    pub note: Option<String>,
    /// The steps (counted from 1) the tip is for; every step when empty.
    #[serde(default)]
    pub note_steps: Vec<usize>,
}

impl Tool {
    /// The tip to show on step `index` (counted from 0), if it is one the tip is for.
    pub fn note_for_step(&self, index: usize) -> Option<&str> {
        let applies = self.note_steps.is_empty() || self.note_steps.contains(&(index + 1));
        self.note.as_deref().filter(|_| applies)
    }
}

/// How a tool runs.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ToolKind {
    /// Steps the mentee moves through at their own pace.
    Steps,
    /// Timed phases repeated `cycles` times; `adjustable` lets the mentee set in/out seconds.
    Paced {
        cycles: u32,
        #[serde(default)]
        adjustable: bool,
    },
    /// A timer of one of these lengths that asks each minute whether the urge has passed.
    Urge { minutes: Vec<u32> },
    /// The mentee's own list of comforting things.
    Comfort,
}

/// What the body does in a phase; the pacer's shape follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    In,
    Hold,
    Out,
    Tense,
    Release,
}

/// The quiet between two buzzes of one phase's start, in milliseconds.
pub const BUZZ_GAP_MS: u32 = 120;

impl Action {
    /// The buzzes (in milliseconds) that start a phase when buzzing is on, for someone with their
    /// eyes closed: one short for breathing in (and tensing), two short taps for a hold, one long
    /// for breathing out (and letting go), so each is told apart by feel alone.
    pub fn buzzes(self) -> &'static [u32] {
        match self {
            Action::In | Action::Tense => &[80],
            Action::Hold => &[40, 40],
            Action::Out | Action::Release => &[300],
        }
    }

    /// How long the buzzes at a phase's start take, the gaps between them included.
    pub fn buzz_ms(self) -> u32 {
        let buzzes = self.buzzes();
        buzzes.iter().sum::<u32>() + BUZZ_GAP_MS * (buzzes.len() as u32).saturating_sub(1)
    }
}

/// One timed phase of a paced tool.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    pub action: Action,
    /// Filled in for a language by [`Toolkit::in_lang`].
    #[serde(skip)]
    pub label: String,
    pub seconds: u32,
}

/// Where a paced tool is at a moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PacerState {
    Running {
        phase: usize,
        /// 1-based round.
        cycle: u32,
        /// Whole seconds left in this phase, counting down to 1.
        seconds_left: u32,
    },
    Finished,
}

/// The phases of a paced tool, repeated `cycles` times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pacer {
    pub phases: Vec<Phase>,
    pub cycles: u32,
}

impl Pacer {
    /// The pacer for `tool`; for adjustable tools `pace` gives (in, out) seconds.
    pub fn for_tool(tool: &Tool, pace: Option<(u32, u32)>) -> Option<Pacer> {
        let ToolKind::Paced { cycles, adjustable } = tool.kind else {
            return None;
        };
        let mut phases = tool.phases.clone();
        if let (true, Some((breathe_in, breathe_out))) = (adjustable, pace) {
            for phase in &mut phases {
                match phase.action {
                    Action::In => phase.seconds = breathe_in,
                    Action::Out => phase.seconds = breathe_out,
                    _ => {}
                }
            }
        }
        Some(Pacer { phases, cycles })
    }

    /// Whether a quicker count is offered: some phase asks for 7 seconds or more (4-7-8's hold),
    /// which is too long for many people, and the technique keeps working at a quicker count.
    pub fn has_long_phase(&self) -> bool {
        self.phases.iter().any(|phase| phase.seconds >= 7)
    }

    /// The same breath at about half the count, each phase rounded to whole seconds and never
    /// under one (4-7-8 becomes 2-4-4), for people who cannot hold as long.
    pub fn quicker(mut self) -> Pacer {
        for phase in &mut self.phases {
            phase.seconds = phase.seconds.div_ceil(2).max(1);
        }
        self
    }

    /// How long one round takes.
    pub fn cycle_length(&self) -> Duration {
        Duration::from_secs(self.phases.iter().map(|p| u64::from(p.seconds)).sum())
    }

    pub fn total_length(&self) -> Duration {
        self.cycle_length() * self.cycles
    }

    /// Where the pacer is `elapsed` after starting.
    pub fn state_at(&self, elapsed: Duration) -> PacerState {
        let cycle_ms = self.cycle_length().as_millis();
        if cycle_ms == 0 || elapsed >= self.total_length() {
            return PacerState::Finished;
        }
        let elapsed_ms = elapsed.as_millis();
        let cycle = (elapsed_ms / cycle_ms) as u32 + 1;
        let mut into = elapsed_ms % cycle_ms;
        for (index, phase) in self.phases.iter().enumerate() {
            let length = u128::from(phase.seconds) * 1000;
            if into < length {
                let left_ms = length - into;
                return PacerState::Running {
                    phase: index,
                    cycle,
                    seconds_left: left_ms.div_ceil(1000) as u32,
                };
            }
            into -= length;
        }
        PacerState::Finished
    }
}

/// The paced-breathing range the mentee may choose from, in seconds.
pub const PACE_RANGE: std::ops::RangeInclusive<u32> = 2..=10;
/// The default pace: 4 s in, 6 s out.
pub const DEFAULT_PACE: (u32, u32) = (4, 6);

/// How a distress rating changed over one use of a tool: before and after, 0 to 10.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ToolUse {
    pub before: Option<u8>,
    pub after: Option<u8>,
}

/// "What helped" for one tool.
#[derive(Debug, Clone, PartialEq)]
pub struct HelpedSummary {
    pub uses: usize,
    /// Average of (before - after) over uses rated both times; positive means calmer after.
    pub average_drop: Option<f32>,
    pub rated: usize,
}

/// Sums up the uses of one tool.
pub fn what_helped(uses: &[ToolUse]) -> HelpedSummary {
    let drops: Vec<f32> = uses
        .iter()
        .filter_map(|u| Some(f32::from(u.before?) - f32::from(u.after?)))
        .collect();
    HelpedSummary {
        uses: uses.len(),
        average_drop: (!drops.is_empty()).then(|| drops.iter().sum::<f32>() / drops.len() as f32),
        rated: drops.len(),
    }
}

impl HelpedSummary {
    /// Plain words, never judging (English).
    pub fn sentence(&self) -> String {
        self.sentence_in(crate::i18n::Lang::En)
    }

    /// Plain words, never judging, in `lang`.
    pub fn sentence_in(&self, lang: crate::i18n::Lang) -> String {
        let times = crate::t!(lang, "helped-used", count = self.uses);
        match self.average_drop {
            None => times,
            Some(drop) if drop >= 0.5 => crate::t!(
                lang,
                "helped-calmer",
                used = times,
                steps = (drop.abs().round() as u32).max(1)
            ),
            Some(drop) if drop <= -0.5 => crate::t!(
                lang,
                "helped-upset",
                used = times,
                steps = (drop.abs().round() as u32).max(1)
            ),
            Some(_) => crate::t!(lang, "helped-same", used = times),
        }
    }
}

/// On the 0 to 10 "how upset" scale, 7 and above is high: the range that distress scales such as
/// SUDS call hard to think through alone, and where DBT's distress-tolerance teaching moves from
/// soothing skills to getting support. Below it, a rating that went down or stayed level is a
/// tool that did its job.
pub const STILL_HIGH: u8 = 7;

/// Whether a tool that just ended should offer people next (Stanley-Brown's order: coping
/// alone, then people, then professionals): the mentee rated themselves more upset after than
/// before, or still at [`STILL_HIGH`] or more, or stopped the urge timer on "not yet". A calm run
/// that simply ends, or one with no rating after, offers nothing extra.
pub fn offer_people(before: Option<u8>, after: Option<u8>, stopped_on_not_yet: bool) -> bool {
    stopped_on_not_yet
        || after.is_some_and(|after| after >= STILL_HIGH || before.is_some_and(|b| after > b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_are_offered_only_when_a_tool_did_not_help() {
        // Worse than before, or still high: offered.
        assert!(offer_people(Some(3), Some(4), false));
        assert!(offer_people(Some(9), Some(7), false));
        assert!(offer_people(None, Some(8), false));
        // Stopping the urge timer after "not yet", ratings or none.
        assert!(offer_people(None, None, true));
        // Calmer, level below 7, or not rated after: nothing extra.
        assert!(!offer_people(Some(7), Some(3), false));
        assert!(!offer_people(Some(5), Some(5), false));
        assert!(!offer_people(None, Some(6), false));
        assert!(!offer_people(Some(2), None, false));
        assert!(!offer_people(None, None, false));
    }

    const TOOLS: &str = include_str!("../../../../assets/tools/tools.json");

    fn kit() -> Toolkit {
        Toolkit::from_json(TOOLS)
            .unwrap()
            .in_lang(crate::i18n::Lang::En)
    }

    fn at(seconds: f32) -> Duration {
        Duration::from_secs_f32(seconds)
    }

    fn running(phase: usize, cycle: u32, seconds_left: u32) -> PacerState {
        PacerState::Running {
            phase,
            cycle,
            seconds_left,
        }
    }

    #[test]
    fn all_eight_tools_are_there() {
        let kit = kit();
        for key in [
            "senses", "box", "478", "paced", "sigh", "muscles", "urge", "comfort",
        ] {
            assert!(kit.find(key).is_some(), "{key} missing");
        }
        let senses = kit.find("senses").unwrap();
        assert_eq!(senses.steps.len(), 5);
        assert!(senses.steps[0].contains("5 things around you that you can see"));
        assert!(
            senses.steps[0].contains("eyes closed"),
            "someone who cannot see is given another way"
        );
        assert!(senses.note.as_deref().unwrap().contains("smell or taste"));
    }

    #[test]
    fn each_kind_of_phase_buzzes_its_own_way_and_is_done_well_before_the_next() {
        let felt = |action: Action| action.buzzes().to_vec();
        assert_ne!(felt(Action::In), felt(Action::Hold));
        assert_ne!(felt(Action::In), felt(Action::Out));
        assert_ne!(felt(Action::Hold), felt(Action::Out));
        assert_eq!(felt(Action::Tense), felt(Action::In));
        assert_eq!(felt(Action::Release), felt(Action::Out));
        // At the shortest count a person can choose, the quicker count included, a phase's buzz
        // takes less than half of it: the next phase's buzz never runs into this one's.
        let kit = kit();
        let shortest_pace = (*PACE_RANGE.start(), *PACE_RANGE.start());
        for tool in &kit.tools {
            for pace in [None, Some(shortest_pace)] {
                let Some(pacer) = Pacer::for_tool(tool, pace) else {
                    continue;
                };
                for pacer in [pacer.clone(), pacer.quicker()] {
                    for phase in &pacer.phases {
                        assert!(
                            phase.action.buzz_ms() * 2 < phase.seconds * 1000,
                            "{}: {:?} of {} s",
                            tool.key,
                            phase.action,
                            phase.seconds
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn box_breathing_changes_phase_every_four_seconds() {
        let pacer = Pacer::for_tool(kit().find("box").unwrap(), None).unwrap();
        assert_eq!(pacer.cycle_length(), at(16.0));
        assert_eq!(pacer.state_at(at(0.0)), running(0, 1, 4));
        assert_eq!(pacer.state_at(at(3.9)), running(0, 1, 1));
        assert_eq!(pacer.state_at(at(4.0)), running(1, 1, 4));
        assert_eq!(pacer.state_at(at(8.5)), running(2, 1, 4));
        assert_eq!(pacer.state_at(at(12.0)), running(3, 1, 4));
        assert_eq!(pacer.state_at(at(16.0)), running(0, 2, 4));
        assert_eq!(pacer.state_at(pacer.total_length()), PacerState::Finished);
    }

    #[test]
    fn four_seven_eight_asks_to_sit_and_stops_after_four_rounds() {
        let tool = kit().find("478").unwrap().clone();
        assert!(tool.before.contains("Sit or lie down"));
        let pacer = Pacer::for_tool(&tool, None).unwrap();
        assert_eq!(pacer.cycles, 4);
        let seconds: Vec<u32> = pacer.phases.iter().map(|p| p.seconds).collect();
        assert_eq!(seconds, vec![4, 7, 8]);
        assert_eq!(pacer.state_at(at(4.0 + 7.0)), running(2, 1, 8));
        assert_eq!(pacer.state_at(at(19.0 * 4.0 - 0.1)), running(2, 4, 1));
        assert_eq!(pacer.state_at(at(19.0 * 4.0)), PacerState::Finished);
    }

    #[test]
    fn paced_breathing_defaults_to_four_in_six_out_and_can_be_changed() {
        let tool = kit().find("paced").unwrap().clone();
        let default = Pacer::for_tool(&tool, None).unwrap();
        let seconds: Vec<u32> = default.phases.iter().map(|p| p.seconds).collect();
        assert_eq!((seconds[0], seconds[1]), DEFAULT_PACE);
        let slower = Pacer::for_tool(&tool, Some((5, 8))).unwrap();
        assert_eq!(slower.state_at(at(5.0)), running(1, 1, 8));
        // Tools that are not adjustable ignore a pace.
        let fixed = Pacer::for_tool(kit().find("box").unwrap(), Some((9, 9))).unwrap();
        assert_eq!(fixed.phases[0].seconds, 4);
    }

    #[test]
    fn sigh_and_muscle_timings_follow_the_guidance() {
        let kit = kit();
        let sigh = Pacer::for_tool(kit.find("sigh").unwrap(), None).unwrap();
        let actions: Vec<Action> = sigh.phases.iter().map(|p| p.action).collect();
        assert_eq!(actions, vec![Action::In, Action::In, Action::Out]);
        assert!(sigh.phases[2].seconds > sigh.phases[0].seconds + sigh.phases[1].seconds);
        let muscles = Pacer::for_tool(kit.find("muscles").unwrap(), None).unwrap();
        for phase in &muscles.phases {
            match phase.action {
                Action::Tense => assert_eq!(phase.seconds, 5),
                Action::Release => assert!((10..=15).contains(&phase.seconds)),
                other => panic!("unexpected {other:?}"),
            }
        }
        assert!(
            kit.find("muscles")
                .unwrap()
                .before
                .contains("never so much that it hurts")
        );
    }

    #[test]
    fn urge_surfing_offers_five_or_fifteen_minutes() {
        let kit = kit();
        assert_eq!(
            kit.find("urge").unwrap().kind,
            ToolKind::Urge {
                minutes: vec![5, 15]
            }
        );
        assert!(Pacer::for_tool(kit.find("urge").unwrap(), None).is_none());
    }

    #[test]
    fn what_helped_averages_only_uses_rated_both_times() {
        let uses = [
            ToolUse {
                before: Some(8),
                after: Some(5),
            },
            ToolUse {
                before: Some(6),
                after: Some(5),
            },
            ToolUse {
                before: Some(7),
                after: None,
            },
            ToolUse {
                before: None,
                after: None,
            },
        ];
        let summary = what_helped(&uses);
        assert_eq!(summary.uses, 4);
        assert_eq!(summary.rated, 2);
        assert_eq!(summary.average_drop, Some(2.0));
        assert_eq!(
            summary.sentence(),
            "Used 4 times. Afterwards you usually felt calmer: about 2 steps down on the 0 to 10 scale."
        );
        let worse = what_helped(&[ToolUse {
            before: Some(2),
            after: Some(4),
        }]);
        assert_eq!(
            worse.sentence(),
            "Used once. Afterwards you usually felt a bit more upset: about 2 steps up. \
             That's okay. Different things help different people."
        );
        let same = what_helped(&[ToolUse {
            before: Some(5),
            after: Some(5),
        }]);
        assert_eq!(
            same.sentence(),
            "Used once. Afterwards you usually felt about the same."
        );
        assert_eq!(what_helped(&[]).average_drop, None);
    }

    #[test]
    fn empty_tools_are_refused() {
        let broken = TOOLS
            .replace("\"seconds\": 4", "\"seconds\": 0")
            .replace("\"seconds\": 7", "\"seconds\": 0")
            .replace("\"seconds\": 8", "\"seconds\": 0");
        assert!(matches!(
            Toolkit::from_json(&broken),
            Err(ToolsError::Empty(_))
        ));
        assert!(Toolkit::from_json("{}").is_err());
    }
}
