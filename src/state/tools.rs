//! The tools part of the app-state API: the toolkit with the mentee's favourites and hidden
//! tools, recording each use with its optional ratings, the comfort list, and "what helped".

use std::sync::OnceLock;

use super::{Device, Result};
use crate::domain::tools::{DEFAULT_PACE, HelpedSummary, PACE_RANGE, Tool, Toolkit, what_helped};
use crate::domain::{EntryId, LocalStamp};
use crate::i18n::Lang;
use crate::store::{ComfortItem, ToolPrefs};

/// The mark that says the breathing pacer buzzes (1) or not (0, the default). On this device only.
const BUZZ_MARK: &str = "pacer_buzz";

const BUNDLED_TOOLS: &str = include_str!("../../assets/tools/tools.json");

/// The bundled toolkit in `lang`, read once per language. A test checks that it parses; if it
/// ever did not, the app would show no tools rather than fail to start.
pub fn toolkit(lang: Lang) -> &'static Toolkit {
    static SHAPE: OnceLock<Toolkit> = OnceLock::new();
    static KITS: [OnceLock<Toolkit>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let shape = SHAPE.get_or_init(|| {
        Toolkit::from_json(BUNDLED_TOOLS).unwrap_or_else(|err| {
            tracing::error!("bundled tools are invalid: {err}");
            Toolkit { tools: Vec::new() }
        })
    });
    let slot = match lang {
        Lang::En => 0,
        Lang::Es => 1,
        Lang::Pseudo => 2,
    };
    KITS[slot].get_or_init(|| shape.in_lang(lang))
}

/// A tool as the Tools screen shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ToolChoice {
    pub tool: &'static Tool,
    pub prefs: ToolPrefs,
}

/// A tool's name with what the mentee has seen it do.
#[derive(Debug, Clone, PartialEq)]
pub struct ToolInsight {
    pub name: String,
    pub summary: HelpedSummary,
}

impl Device {
    /// Every tool: favourites first, then the rest, each in the toolkit's order. Hidden tools are
    /// included (with `prefs.hidden`) so the screen can offer to show them again.
    pub fn tool_choices(&self, lang: Lang) -> Result<Vec<ToolChoice>> {
        let prefs = self.store()?.tool_prefs()?;
        let mut choices: Vec<ToolChoice> = toolkit(lang)
            .tools
            .iter()
            .map(|tool| ToolChoice {
                tool,
                prefs: prefs.get(&tool.key).copied().unwrap_or_default(),
            })
            .collect();
        choices.sort_by_key(|choice| !choice.prefs.favourite);
        Ok(choices)
    }

    pub fn set_tool_prefs(&self, key: &str, prefs: ToolPrefs) -> Result<()> {
        Ok(self.store()?.set_tool_prefs(key, prefs)?)
    }

    /// The paced-breathing pace, (in, out) seconds.
    pub fn pace(&self, key: &str) -> Result<(u32, u32)> {
        Ok(self.store()?.tool_pace(key)?.unwrap_or(DEFAULT_PACE))
    }

    /// Saves a pace, kept within the range the tool allows.
    pub fn set_pace(&self, key: &str, pace: (u32, u32)) -> Result<(u32, u32)> {
        let clamp = |s: u32| s.clamp(*PACE_RANGE.start(), *PACE_RANGE.end());
        let pace = (clamp(pace.0), clamp(pace.1));
        self.store()?.set_tool_pace(key, pace)?;
        Ok(pace)
    }

    /// Whether the breathing pacer buzzes the phone at each change (off until chosen).
    pub fn pacer_buzzes(&self) -> Result<bool> {
        Ok(self.store()?.mark(BUZZ_MARK)? == 1)
    }

    pub fn set_pacer_buzzes(&self, on: bool) -> Result<()> {
        Ok(self.store()?.set_mark(BUZZ_MARK, i64::from(on))?)
    }

    /// Records the start of a tool, with the optional rating before.
    pub fn start_tool(&self, key: &str, before: Option<u8>) -> Result<EntryId> {
        Ok(self
            .store()?
            .start_tool_use(key, before.map(|r| r.min(10)), LocalStamp::now())?)
    }

    /// Records the end of a tool: finished or stopped, and the optional rating after.
    pub fn end_tool(&self, id: &EntryId, completed: bool, after: Option<u8>) -> Result<()> {
        Ok(self.store()?.end_tool_use(
            id,
            completed,
            after.map(|r| r.min(10)),
            LocalStamp::now(),
        )?)
    }

    /// "What helped": one line per tool that was used, most used first (names in `lang`).
    pub fn what_helped(&self, lang: Lang) -> Result<Vec<ToolInsight>> {
        let uses = self.store()?.tool_uses()?;
        let mut insights: Vec<ToolInsight> = toolkit(lang)
            .tools
            .iter()
            .filter_map(|tool| {
                let uses = uses.get(&tool.key)?;
                Some(ToolInsight {
                    name: tool.name.clone(),
                    summary: what_helped(uses),
                })
            })
            .collect();
        insights.sort_by_key(|insight| std::cmp::Reverse(insight.summary.uses));
        Ok(insights)
    }

    pub fn comfort_items(&self) -> Result<Vec<ComfortItem>> {
        Ok(self.store()?.comfort_items()?)
    }

    pub fn add_comfort_item(&self, text: &str) -> Result<ComfortItem> {
        Ok(self.store()?.add_comfort_item(text)?)
    }

    pub fn remove_comfort_item(&self, id: &EntryId) -> Result<()> {
        Ok(self.store()?.remove_comfort_item(id)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quicker_count_halves_each_phase_and_is_offered_only_for_long_holds() {
        let kit = toolkit(crate::i18n::Lang::En);
        let four_seven_eight =
            crate::domain::tools::Pacer::for_tool(kit.find("478").unwrap(), None).unwrap();
        assert!(four_seven_eight.has_long_phase());
        let seconds: Vec<u32> = four_seven_eight
            .quicker()
            .phases
            .iter()
            .map(|p| p.seconds)
            .collect();
        assert_eq!(seconds, [2, 4, 4]);
        let boxed = crate::domain::tools::Pacer::for_tool(kit.find("box").unwrap(), None).unwrap();
        assert!(!boxed.has_long_phase());
    }

    #[test]
    fn favourites_come_first_and_what_helped_follows_the_ratings() {
        let dir = tempfile::tempdir().unwrap();
        let device = Device::open(dir.path()).unwrap();
        assert_eq!(toolkit(Lang::En).tools.len(), 8);
        device
            .set_tool_prefs(
                "urge",
                ToolPrefs {
                    favourite: true,
                    hidden: false,
                },
            )
            .unwrap();
        assert_eq!(
            device.tool_choices(crate::i18n::Lang::En).unwrap()[0]
                .tool
                .key,
            "urge"
        );

        let first = device.start_tool("box", Some(9)).unwrap();
        device.end_tool(&first, true, Some(5)).unwrap();
        let stopped = device.start_tool("senses", None).unwrap();
        device.end_tool(&stopped, false, None).unwrap();
        let helped = device.what_helped(crate::i18n::Lang::En).unwrap();
        assert_eq!(helped.len(), 2);
        let boxed = helped.iter().find(|i| i.name == "Box breathing").unwrap();
        assert_eq!(boxed.summary.average_drop, Some(4.0));
    }

    #[test]
    fn buzzing_is_off_until_chosen_and_the_choice_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let device = Device::open(dir.path()).unwrap();
        assert!(!device.pacer_buzzes().unwrap());
        device.set_pacer_buzzes(true).unwrap();
        drop(device);
        let device = Device::open(dir.path()).unwrap();
        assert!(device.pacer_buzzes().unwrap());
        device.set_pacer_buzzes(false).unwrap();
        assert!(!device.pacer_buzzes().unwrap());
    }

    #[test]
    fn the_pace_defaults_to_four_six_and_stays_in_range() {
        let dir = tempfile::tempdir().unwrap();
        let device = Device::open(dir.path()).unwrap();
        assert_eq!(device.pace("paced").unwrap(), (4, 6));
        assert_eq!(device.set_pace("paced", (1, 40)).unwrap(), (2, 10));
        assert_eq!(device.pace("paced").unwrap(), (2, 10));
    }
}
